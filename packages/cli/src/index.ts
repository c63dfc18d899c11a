export { AdminClient, CannotConnect, ServerRefused } from './admin-client.js';
export { EXIT, type ExitCode } from './exit-codes.js';
export { buildProgram, type CliIo, DEFAULT_URL, run, TOKEN_VARIABLE } from './program.js';
