import { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream } from 'pino';
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
    sync: true, // colours when the terminal supports them (pino-pretty's default)
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

/**
 * The logger for start-up lines written before the Nest application (and its pino logger) exists: the same pino
 * output, level and format, so the first lines look like the rest.
 */
export function startupLogger(config: AppConfig, format: LogFormat): LoggerService {
  const destination = prettyDestination(format);
  const logger = destination ? pino({ level: config.LOG_LEVEL }, destination) : pino({ level: config.LOG_LEVEL });
  const at =
    (level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace') =>
    (message: unknown, ...params: unknown[]): void => {
      // Nest passes the context last; error() passes a stack before it.
      const context = params.length ? params[params.length - 1] : undefined;
      const stack = params.length > 1 ? params[0] : undefined;
      logger[level]({ ...(typeof context === 'string' ? { context } : {}), ...(typeof stack === 'string' ? { stack } : {}) }, String(message));
    };
  return { log: at('info'), error: at('error'), warn: at('warn'), debug: at('debug'), verbose: at('trace'), fatal: at('fatal') };
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
