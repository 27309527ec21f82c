// Who publishes some of the most imitated projects: an author name or e-mail from this table on a project outside the
// owner's projects suggests impersonation. Kept small and explicit; names match whole fields, case-insensitively.

export interface KnownAuthor {
  /** Shown in messages. */
  label: string;
  /** Author / maintainer names that identify the owner (lower case, matched exactly after trimming). */
  names: string[];
  /** E-mail addresses (exact) or domains ('@example.com'), lower case. */
  emails: string[];
  /** The owner's projects (normalized), and name prefixes they publish under. */
  projects: string[];
  prefixes: string[];
}

export const KNOWN_AUTHORS: readonly KnownAuthor[] = [
  {
    label: 'Kenneth Reitz (requests, certifi)',
    names: ['kenneth reitz'],
    emails: ['me@kennethreitz.org', 'me@kennethreitz.com'],
    projects: ['requests', 'certifi', 'pipenv', 'requests-html', 'records', 'maya', 'tablib', 'httpbin', 'legit', 'responder', 'background', 'crayons', 'delegator-py', 'bake-cli', 'pytheory'],
    prefixes: [],
  },
  {
    label: 'the Python Software Foundation',
    names: ['python software foundation', 'psf'],
    emails: [],
    projects: ['requests', 'black', 'pyperformance', 'pyston'],
    prefixes: [],
  },
  {
    label: 'the Pallets project (Flask, Jinja, Click)',
    names: ['armin ronacher', 'pallets', 'pallets team'],
    emails: ['armin.ronacher@active-4.com', 'contact@palletsprojects.com', '@palletsprojects.com'],
    projects: ['flask', 'jinja2', 'werkzeug', 'click', 'itsdangerous', 'markupsafe', 'blinker', 'quart', 'rye', 'insta', 'logbook', 'lektor', 'minijinja'],
    prefixes: ['flask-', 'pallets-'],
  },
  {
    label: 'the Python Packaging Authority (pip, setuptools)',
    names: ['python packaging authority', 'the pip developers', 'pypa'],
    emails: ['distutils-sig@python.org', 'pypa-dev@googlegroups.com'],
    projects: ['pip', 'setuptools', 'wheel', 'virtualenv', 'pipx', 'build', 'twine', 'packaging', 'distlib', 'pyproject-hooks', 'installer', 'hatchling', 'hatch', 'flit', 'flit-core', 'pipenv', 'setuptools-scm', 'readme-renderer', 'bandersnatch', 'gh-action-pypi-publish', 'trove-classifiers', 'pkginfo', 'zipp', 'importlib-metadata', 'importlib-resources', 'keyring', 'jaraco-functools', 'more-itertools'],
    prefixes: ['jaraco-', 'setuptools-'],
  },
  {
    label: 'Amazon Web Services (boto3, botocore)',
    names: ['amazon web services', 'aws', 'amazon.com, inc.'],
    emails: ['@amazon.com'],
    projects: ['boto3', 'botocore', 's3transfer', 'awscli', 'sagemaker', 'chalice', 'awswrangler'],
    prefixes: ['aws-', 'amazon-', 'mypy-boto3', 'boto3-', 'sagemaker-', 'cdk-', 'aws'],
  },
  {
    label: 'Google',
    names: ['google llc', 'google inc.', 'google'],
    emails: ['googleapis-packages@google.com', '@google.com'],
    projects: ['protobuf', 'grpcio', 'grpcio-status', 'grpcio-tools', 'proto-plus', 'absl-py', 'tensorflow', 'tensorboard', 'gsutil', 'jax', 'jaxlib', 'gast', 'google-pasta', 'httplib2', 'uritemplate', 'oauth2client', 'googleapis-common-protos', 'grpc-google-iam-v1', 'keras', 'flatbuffers', 'tensorflow-estimator', 'ml-dtypes'],
    prefixes: ['google-', 'grpcio-', 'tensorflow-', 'tf-', 'gcloud-', 'firebase-'],
  },
  {
    label: 'Microsoft',
    names: ['microsoft corporation', 'microsoft'],
    emails: ['azpysdkhelp@microsoft.com', '@microsoft.com'],
    projects: ['msal', 'msal-extensions', 'msrest', 'msrestazure', 'adal', 'debugpy', 'playwright', 'onnxruntime', 'pyright', 'promptflow', 'semantic-kernel', 'autogen', 'markitdown'],
    prefixes: ['azure-', 'msal-', 'microsoft-', 'onnxruntime-', 'playwright-'],
  },
  {
    label: 'Hugging Face',
    names: ['hugging face', 'huggingface', 'huggingface inc.', 'the huggingface team'],
    emails: ['@huggingface.co'],
    projects: ['transformers', 'huggingface-hub', 'datasets', 'tokenizers', 'accelerate', 'safetensors', 'diffusers', 'peft', 'evaluate', 'optimum', 'trl', 'gradio', 'smolagents', 'timm'],
    prefixes: ['huggingface-', 'optimum-', 'gradio-'],
  },
  {
    label: 'OpenAI',
    names: ['openai'],
    emails: ['support@openai.com', '@openai.com'],
    projects: ['openai', 'tiktoken', 'openai-whisper', 'openai-agents', 'gym', 'triton'],
    prefixes: ['openai-'],
  },
  {
    label: 'Anthropic',
    names: ['anthropic'],
    emails: ['support@anthropic.com', '@anthropic.com'],
    projects: ['anthropic', 'claude-agent-sdk', 'mcp'],
    prefixes: ['anthropic-', 'claude-'],
  },
  {
    label: 'Sebastián Ramírez (FastAPI)',
    names: ['sebastián ramírez', 'sebastian ramirez', 'tiangolo'],
    emails: ['tiangolo@gmail.com'],
    projects: ['fastapi', 'typer', 'sqlmodel', 'fastapi-cli', 'asyncer', 'typer-slim', 'fastapi-slim', 'full-stack-fastapi-template'],
    prefixes: ['fastapi-', 'typer-'],
  },
  {
    label: 'Andrey Petrov (urllib3)',
    names: ['andrey petrov'],
    emails: ['andrey.petrov@shazow.net'],
    projects: ['urllib3'],
    prefixes: [],
  },
];
