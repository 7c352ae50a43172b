import { ConsoleLogger, LoggerService, LogLevel } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import type { AppConfig } from '../config/app-config';

export type LogFormat = 'pretty' | 'json';

/**
 * LOG_FORMAT=auto (the default) is short, human-readable lines on a terminal outside production, and one JSON
 * object a line everywhere else (production, containers, pipes, tests), which is what log shippers read.
 */
export function resolveLogFormat(config: AppConfig, stdoutIsTty = process.stdout.isTTY === true): LogFormat {
  if (config.LOG_FORMAT !== 'auto') return config.LOG_FORMAT;
  return stdoutIsTty && config.NODE_ENV !== 'production' ? 'pretty' : 'json';
}

/**
 * The pino destination for a format: undefined (pino's own JSON to stdout) or a synchronous pino-pretty stream,
 * so that log lines and the start-up banner keep their order. pino-pretty is a development dependency; without
 * it (a production install) the logs stay JSON.
 */
export function prettyDestination(format: LogFormat): DestinationStream | undefined {
  if (format !== 'pretty') return undefined;
  let build: ((options: Record<string, unknown>) => DestinationStream) | undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    build = require('pino-pretty') as (options: Record<string, unknown>) => DestinationStream;
  } catch {
    return undefined;
  }
  return build({
    sync: true,
    colorize: true,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,context,req,res,responseTime',
    messageFormat: (log: Record<string, unknown>, messageKey: string) => {
      const context = log.context ? `[${String(log.context)}] ` : '';
      const req = log.req as { method?: string; url?: string } | undefined;
      const res = log.res as { statusCode?: number } | undefined;
      const http = req ? `${req.method} ${req.url} ${res?.statusCode ?? ''} ${log.responseTime ?? ''}ms ` : '';
      return `${context}${http}${String(log[messageKey] ?? '')}`;
    },
  });
}

/** nestjs-pino's `pinoHttp` parameter: the options alone (pino's default stdout) or with a destination. */
export function pinoHttpParams(options: PinoHttpOptions, destination?: DestinationStream): PinoHttpOptions | [PinoHttpOptions, DestinationStream] {
  return destination ? [options, destination] : options;
}

/** Nest's level names enabled by a pino LOG_LEVEL, for the logger used before the application exists. */
export function nestLogLevels(level: string): LogLevel[] {
  const order: [string, LogLevel][] = [['fatal', 'fatal'], ['error', 'error'], ['warn', 'warn'], ['info', 'log'], ['debug', 'debug'], ['trace', 'verbose']];
  const upTo = order.findIndex(([pino]) => pino === level);
  return upTo < 0 ? [] : order.slice(0, upTo + 1).map(([, nest]) => nest);
}

/** The logger for start-up lines written before the Nest application (and its pino logger) exists. */
export function startupConsoleLogger(config: AppConfig, format: LogFormat): ConsoleLogger {
  return new ConsoleLogger({ json: format === 'json', logLevels: nestLogLevels(config.LOG_LEVEL) });
}

/** Nest's own start-up chatter: a line per module and per route (about 250 in all). */
const FRAMEWORK_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/**
 * Wraps nestjs-pino's logger so that Nest's module and route mapping lines are logged at debug, not info:
 * a newcomer sees the URL and the demo logins rather than a screenful of "Mapped {…} route".
 */
export class AppLogger implements LoggerService {
  constructor(private readonly inner: LoggerService) {}

  log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams[optionalParams.length - 1];
    if (typeof context === 'string' && FRAMEWORK_CONTEXTS.has(context)) return this.inner.debug?.(message, ...optionalParams);
    return this.inner.log(message, ...optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.inner.error(message, ...optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.inner.warn(message, ...optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.inner.debug?.(message, ...optionalParams);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.inner.verbose?.(message, ...optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.inner.fatal?.(message, ...optionalParams);
  }
}
