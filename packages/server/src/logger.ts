/** The server's pino logger: JSON lines, and credentials redacted even if something tries to log them. */
import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from './config.js';

const REDACTED = [
  'req.headers.authorization',
  'request.headers.authorization',
  'headers.authorization',
  'authorization',
];

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACTED, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
