import { loadConfig } from '../config/app-config';
import { AppLogger, resolveLogFormat } from './log-output';

describe('log output', () => {
  const config = (env: Record<string, string>) => loadConfig({ DATABASE_URL: 'postgres://x', ...env });

  it('is readable on a terminal and JSON when piped, in production or when asked', () => {
    expect(resolveLogFormat(config({}), true)).toBe('pretty');
    expect(resolveLogFormat(config({}), false)).toBe('json');
    expect(resolveLogFormat(config({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }), true)).toBe('json');
    expect(resolveLogFormat(config({ LOG_FORMAT: 'json' }), true)).toBe('json');
    expect(resolveLogFormat(config({ LOG_FORMAT: 'pretty' }), false)).toBe('pretty');
    expect(() => config({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });

  it('logs Nest route and module mapping at debug, everything else unchanged', () => {
    const calls: string[] = [];
    const record = (level: string) => (message: unknown) => void calls.push(`${level}:${String(message)}`);
    const logger = new AppLogger({ log: record('log'), debug: record('debug'), error: record('error'), warn: record('warn') });
    logger.log('Mapped {/api/v1/orders, POST} route', 'RouterExplorer');
    logger.log('OrdersModule dependencies initialized', 'InstanceLoader');
    logger.log('Outbox relay started', 'OutboxRelay');
    logger.warn('careful', 'Bootstrap');
    expect(calls).toEqual(['debug:Mapped {/api/v1/orders, POST} route', 'debug:OrdersModule dependencies initialized', 'log:Outbox relay started', 'warn:careful']);
  });
});
