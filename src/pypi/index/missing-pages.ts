// What an index answered when it did not have a project, for the "not on the index" message: a wrong --index-url
// path gives 404 for every project, and the URL asked shows the mistake.
import { redactUrl } from '../fetch/errors.ts';
import { normalizeName } from '../names.ts';

export class MissingPages {
  private readonly answers = new Map<string, string>();

  record(name: string, url: string, status: number): void {
    this.answers.set(normalizeName(name), `the index answered ${status} for the project page ${redactUrl(url)}`);
  }

  /** Why `name` was not found, when this index was asked and said no. */
  why(name: string): string | undefined {
    return this.answers.get(normalizeName(name));
  }
}
