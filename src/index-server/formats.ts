// Value formats both of the server's APIs share: file URLs and PyPI's time strings.

/** The download URL of a served file: `{base}/files/{filename}`. */
export function fileUrl(baseUrl: string, filename: string): string {
  return `${baseUrl}/files/${encodeURIComponent(filename)}`;
}

/** PyPI's `upload-time` / `upload_time_iso_8601` form: microseconds and a `Z` ("2018-06-12T14:46:15.289000Z"). */
export function isoMicroseconds(iso: string): string {
  return new Date(iso).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** PyPI's older `upload_time` form: seconds, no zone ("2018-06-12T14:46:15"). */
export function isoSeconds(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19);
}
