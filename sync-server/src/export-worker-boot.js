// The export worker's entry point. A worker thread does not inherit tsx's loader
// hooks on Node 20 (`--import` in execArgv is not enough: measured), so it
// registers them itself before loading the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./export-worker.ts');
