// The local package index server used by tests and the demo: `startIndexServer({ root })` serves a folder of
// distributions through PyPI's Simple (PEP 503/691) and JSON APIs.

export { startIndexServer, type IndexServer } from './server.ts';
