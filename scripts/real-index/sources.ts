// What the real index is built from: the Debian python3-* packages and, for each, the install requirements that
// Debian's build strips from requires.txt (restored from upstream's setup files, with Debian's own changes noted).

export interface RestoredRequirement {
  /** A PEP 508 requirement, written as a Requires-Dist value. */
  requirement: string;
  /** Where it comes from: upstream's install_requires, or a change Debian made to the code or its Depends. */
  origin: string;
}

export interface DebSource {
  deb: string;
  /** The unconditional Requires-Dist lines, which Debian's dh_python3 removes from requires.txt. */
  requires: RestoredRequirement[];
  /** python3-* packages of the .deb's Depends that are deliberately not Requires-Dist, with the reason. */
  dependsNotRequired?: Record<string, string>;
  /** Debian changes to the code that a reader of the results should know about. */
  codeNotes?: string[];
}

export const UPSTREAM_ORIGIN = 'upstream install_requires';
const upstream = UPSTREAM_ORIGIN;

/** The .debs of requests, flask and boto3 and everything their requirements need on Python 3.11. */
export const DEB_SOURCES: DebSource[] = [
  {
    deb: 'python3-requests',
    requires: [
      { requirement: 'certifi>=2017.4.17', origin: upstream },
      {
        requirement: 'charset-normalizer>=2',
        origin: 'upstream says >=2,<3; Debian ships charset-normalizer 3.0.1 with it and its Depends has no bound',
      },
      {
        requirement: 'chardet<6,>=3.0.2',
        origin:
          "Debian Depends python3-chardet (>= 3.0.2); requests' import check prefers chardet (upstream: extra use_chardet_on_py3)",
      },
      { requirement: 'idna<4,>=2.5', origin: upstream },
      { requirement: 'urllib3<1.27,>=1.21.1', origin: upstream },
    ],
  },
  {
    deb: 'python3-urllib3',
    requires: [{ requirement: 'six', origin: 'Debian removes the bundled urllib3.packages.six; the code imports six' }],
  },
  { deb: 'python3-idna', requires: [] },
  {
    deb: 'python3-certifi',
    requires: [],
    codeNotes: ['Debian patches certifi.where() to return /etc/ssl/certs/ca-certificates.crt (the system store)'],
  },
  { deb: 'python3-charset-normalizer', requires: [] },
  {
    deb: 'python3-chardet',
    requires: [],
    dependsNotRequired: {
      'python3-pkg-resources': 'a Debian packaging dependency; the code never imports pkg_resources',
    },
  },
  {
    deb: 'python3-flask',
    requires: [
      { requirement: 'Werkzeug>=2.2.2', origin: upstream },
      { requirement: 'Jinja2>=3.0', origin: upstream },
      { requirement: 'itsdangerous>=2.0', origin: upstream },
      { requirement: 'click>=8.0', origin: upstream },
      { requirement: 'importlib-metadata>=3.6.0; python_version < "3.10"', origin: upstream },
    ],
  },
  { deb: 'python3-werkzeug', requires: [{ requirement: 'MarkupSafe>=2.1.1', origin: upstream }] },
  { deb: 'python3-jinja2', requires: [{ requirement: 'MarkupSafe>=2.0', origin: upstream }] },
  { deb: 'python3-markupsafe', requires: [] },
  { deb: 'python3-itsdangerous', requires: [] },
  {
    deb: 'python3-click',
    requires: [{ requirement: 'importlib-metadata; python_version < "3.8"', origin: upstream }],
    dependsNotRequired: {
      'python3-colorama': 'upstream requires colorama on Windows only; requires.txt keeps that marker',
    },
  },
  { deb: 'python3-blinker', requires: [] },
  {
    deb: 'python3-boto3',
    requires: [
      { requirement: 'botocore<1.30.0,>=1.29.27', origin: upstream },
      { requirement: 'jmespath<2.0.0,>=0.7.1', origin: upstream },
      { requirement: 's3transfer<0.7.0,>=0.6.0', origin: upstream },
    ],
    dependsNotRequired: {
      'python3-requests': 'boto3 itself never imports requests (botocore does, and requires it)',
      'python3-six': 'boto3 itself never imports six (botocore does, and requires it)',
    },
  },
  {
    deb: 'python3-botocore',
    requires: [
      { requirement: 'jmespath<2.0.0,>=0.7.1', origin: upstream },
      { requirement: 'python-dateutil<3.0.0,>=2.1', origin: upstream },
      { requirement: 'urllib3<1.27,>=1.25.4', origin: upstream },
      { requirement: 'requests', origin: 'Debian removes botocore.vendored; the code imports requests' },
      { requirement: 'six', origin: 'Debian removes botocore.vendored.six; botocore.compat imports six' },
    ],
    codeNotes: ['"+repack": Debian removes botocore/vendored (requests, six) and imports the system packages instead'],
  },
  { deb: 'python3-jmespath', requires: [] },
  { deb: 'python3-s3transfer', requires: [{ requirement: 'botocore<2.0a.0,>=1.12.36', origin: upstream }] },
  { deb: 'python3-dateutil', requires: [{ requirement: 'six>=1.5', origin: upstream }] },
  { deb: 'python3-six', requires: [] },
];

/** Members left out of the wheels because a pure py3-none-any wheel cannot hold them, with the reason. */
export const OMITTED_MEMBER_RULES: { pattern: RegExp; reason: string }[] = [
  {
    pattern: /\.so$/,
    reason: 'compiled extension left out so the wheel stays py3-none-any (a pure-Python fallback ships)',
  },
  { pattern: /(^|\/)__pycache__\//, reason: 'byte-code cache' },
];
