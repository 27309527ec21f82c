// Credentials of remote services recognisable by their shape (a hard-coded one means the code talks to
// that service), and names under which code keeps secrets.

export interface KeyPattern {
  id: string;
  service: string;
  pattern: RegExp;
  /** Strong shapes are specific enough to report on their own; weak ones need a secret-like variable name. */
  strength: 'strong' | 'weak';
}

export const KEY_PATTERNS: KeyPattern[] = [
  {
    id: 'sentry-dsn',
    service: 'Sentry DSN',
    pattern: /https?:\/\/[0-9a-f]{32}(?::[0-9a-f]{32})?@[\w.-]*(?:sentry\.io|ingest\.[\w.-]+)\/\d+/i,
    strength: 'strong',
  },
  { id: 'posthog-key', service: 'PostHog project key', pattern: /\bphc_[A-Za-z0-9]{32,}\b/, strength: 'strong' },
  { id: 'aws-access-key', service: 'AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, strength: 'strong' },
  {
    id: 'github-token',
    service: 'GitHub token',
    pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{60,}\b/,
    strength: 'strong',
  },
  {
    id: 'slack-token',
    service: 'Slack token',
    pattern: /(?<![\w-])xox[baprs]-[A-Za-z0-9-]{10,}\b/,
    strength: 'strong',
  },
  {
    id: 'stripe-key',
    service: 'Stripe secret key',
    pattern: /\b(?:sk|rk)_live_[A-Za-z0-9]{20,}\b/,
    strength: 'strong',
  },
  { id: 'google-api-key', service: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/, strength: 'strong' },
  {
    id: 'openai-key',
    service: 'OpenAI API key',
    pattern: /(?<![\w-])sk-(?:proj-)?[A-Za-z0-9_-]{32,}\b/,
    strength: 'strong',
  },
  {
    id: 'anthropic-key',
    service: 'Anthropic API key',
    pattern: /(?<![\w-])sk-ant-[A-Za-z0-9_-]{32,}\b/,
    strength: 'strong',
  },
  {
    id: 'telegram-bot-token',
    service: 'Telegram bot token',
    pattern: /\b\d{8,10}:[A-Za-z0-9_-]{35}\b/,
    strength: 'strong',
  },
  {
    id: 'discord-bot-token',
    service: 'Discord bot token',
    pattern: /\b[MN][A-Za-z\d]{23,25}\.[\w-]{6}\.[\w-]{27,38}\b/,
    strength: 'strong',
  },
  {
    id: 'private-key',
    service: 'private key',
    pattern: /-----BEGIN (?:RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----/,
    strength: 'strong',
  },
  { id: 'generic-secret', service: 'API key', pattern: /^[A-Za-z0-9_\-+/=.]{20,200}$/, strength: 'weak' },
];

/** Variable, attribute or keyword names under which code keeps a credential. */
export const SECRET_NAME =
  /(^|_)(api_?key|apikey|secret(_key)?|access_?key(_id)?|auth_?token|access_token|bearer|private_?key|client_secret|password|passwd|dsn|write_?key|project_?key|token)$/i;

/** Environment variable names whose value is a credential. */
export const SECRET_ENV_NAME =
  /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|^PWD$|CREDENTIAL|AUTH|SESSION|COOKIE|^AWS_(ACCESS|SECRET|SESSION)|^GH_|^GITHUB_|^NPM_|^PYPI_|^TWINE_|^DOCKER_(PASS|AUTH|TOKEN)|^AZURE_(CLIENT|TENANT|STORAGE)|^GOOGLE_APPLICATION_CREDENTIALS)/i;

/** Placeholder values that are not real keys. */
export const PLACEHOLDER_SECRET =
  /EXAMPLE|example|xxxx|XXXX|your[_-]?|<[^<>\n]*>|\.\.\.|changeme|dummy|test|fake|sample|placeholder|^\*+$/;

/**
 * Secret environment variables whose name says which service they unlock, and that service's domains: such a
 * secret sent to a hard-coded host of another owner is a stolen key, not a client talking to its service.
 */
export const SECRET_OWNERS: readonly { name: RegExp; owner: string; domains: RegExp }[] = [
  { name: /^AWS_/i, owner: 'AWS', domains: /(^|\.)(amazonaws\.com|amazon\.com|aws)$/ },
  { name: /^(GH|GITHUB)_/i, owner: 'GitHub', domains: /(^|\.)(github\.com|githubusercontent\.com)$/ },
  { name: /^NPM_/i, owner: 'npm', domains: /(^|\.)(npmjs\.org|npmjs\.com)$/ },
  { name: /^(PYPI|TWINE)_/i, owner: 'PyPI', domains: /(^|\.)(pypi\.org|python\.org)$/ },
  {
    name: /^AZURE_/i,
    owner: 'Azure',
    domains: /(^|\.)(azure\.com|azure\.net|windows\.net|microsoft\.com|microsoftonline\.com)$/,
  },
  { name: /^GOOGLE_/i, owner: 'Google', domains: /(^|\.)(googleapis\.com|google\.com)$/ },
  { name: /^DOCKER_/i, owner: 'Docker', domains: /(^|\.)(docker\.com|docker\.io)$/ },
  { name: /^OPENAI_/i, owner: 'OpenAI', domains: /(^|\.)openai\.com$/ },
  { name: /^SLACK_/i, owner: 'Slack', domains: /(^|\.)slack\.com$/ },
  { name: /^STRIPE_/i, owner: 'Stripe', domains: /(^|\.)stripe\.com$/ },
];
