import { DynamicModule, Global, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { ClsModule } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { AuditSealer } from './audit/audit-sealer';
import { AuditWriter } from './audit/audit-writer';
import { AccountsService } from './auth/accounts.service';
import { ActorResolver } from './auth/actor-resolver';
import { AuthController } from './auth/auth.controller';
import { ApiKeysController } from './auth/api-keys/api-keys.controller';
import { ApiKeysService } from './auth/api-keys/api-keys.service';
import { OidcController } from './auth/oidc/oidc.controller';
import { OidcService } from './auth/oidc/oidc.service';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { PasswordHasher } from './auth/password-hasher';
import { PasswordService } from './auth/password.service';
import { LoginThrottleGuard } from './auth/login-throttle.guard';
import { RouteAccessCheck } from './auth/route-access.check';
import { TokenService } from './auth/token.service';
import { AppConfig, ProcessRole } from './config/app-config';
import { RequestContext } from './context/request-context';
import { dataSourceOptions } from './database/data-source-options';
import { ReferenceCache } from './cache/reference-cache';
import { DATABASE_URL, PROCESS_ROLE } from './database/database.tokens';
import { UnitOfWork } from './database/unit-of-work';
import { HttpExceptionFilter } from './errors/http-exception.filter';
import { HealthController } from './health/health.controller';
import { pinoHttpParams, prettyDestination, resolveLogFormat } from './logging/log-output';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { MetricsService } from './metrics/metrics.service';
import { OutboxRelay } from './outbox/outbox-relay';
import { OutboxSweeper } from './outbox/outbox-sweeper';
import { OutboxStore } from './outbox/outbox-store';
import { OutboxWaker } from './outbox/outbox-waker';
import { OutboxWriter } from './outbox/outbox-writer';
import { InlineJobs } from './queue/inline-jobs';
import { JobRegistry } from './queue/job-registry';
import { QueueAdminController } from './queue/queue-admin.controller';
import { QueueAdminService } from './queue/queue-admin.service';
import { QueueConnection } from './queue/queue-connection';
import { QueueService } from './queue/queue.service';
import { WorkerHost } from './queue/worker-host';
import { RateLimiter } from './throttle/rate-limiter';
import { Broadcaster } from './broadcast/broadcaster';
import { EventStreams } from './live/event-streams';
import { FileStore } from './files/file-store';
import { createFileStore } from './files/create-file-store';
import { DataSource } from 'typeorm';
import { ShutdownState } from './health/shutdown-state';

export interface PlatformOptions {
  config: AppConfig;
  databaseUrl: string;
  role: ProcessRole;
}

const SERVICES = [
  RequestContext, MetricsService, UnitOfWork, AuditWriter, AuditSealer, AuditService, OutboxWriter, OutboxStore, OutboxRelay, OutboxSweeper,
  IdempotencyStore, QueueConnection, QueueService, QueueAdminService, JobRegistry, InlineJobs, WorkerHost, PasswordHasher, TokenService,
  ActorResolver, AuthService, AccountsService, RouteAccessCheck, RateLimiter, PasswordService, LoginThrottleGuard, ReferenceCache, OutboxWaker,
  Broadcaster, EventStreams, ShutdownState, ApiKeysService, OidcService,
];

/** What every domain module stands on. Global, so modules import nothing to use it. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const { config } = options;
    return {
      module: PlatformModule,
      imports: [
        DiscoveryModule,
        ClsModule.forRoot({
          global: true,
          middleware: {
            mount: true,
            generateId: true,
            idGenerator: (req: Request & { id?: string }) => req.id ?? randomUUID(),
            setup: (cls, req: Request & { id?: string }) => cls.set('requestId', req.id),
          },
        }),
        LoggerModule.forRoot({
          // Express 5 route syntax; the library default ('*') logs a deprecation warning.
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          // JSON to stdout, or readable lines on a terminal (LOG_FORMAT).
          pinoHttp: pinoHttpParams(
            {
              level: config.LOG_LEVEL,
              genReqId: (req) => (req as unknown as { id?: string }).id ?? randomUUID(),
              autoLogging: { ignore: (req) => ['/health', '/health/live', '/health/ready', '/metrics'].includes(req.url ?? '') },
              redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password', 'req.body.refreshToken'],
              customProps: (req) => {
                const actor = (req as unknown as { actor?: { userId: string; role: string } }).actor;
                return actor ? { userId: actor.userId, role: actor.role } : {};
              },
            },
            prettyDestination(resolveLogFormat(config)),
          ),
        }),
        TypeOrmModule.forRoot({ ...dataSourceOptions(options.databaseUrl, config.DB_POOL_SIZE), autoLoadEntities: true }),
        // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a public key
        // on every verify and falls back after the exception (about 1 ms of CPU per request, profiled).
        JwtModule.register({ secret: config.JWT_SECRET ? createSecretKey(Buffer.from(config.JWT_SECRET)) : undefined, signOptions: { algorithm: 'HS256', issuer: 'g60-platform' }, verifyOptions: { algorithms: ['HS256'], issuer: 'g60-platform' } }),
      ],
      controllers: [AuthController, OidcController, ApiKeysController, AuditController, HealthController, QueueAdminController],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: DATABASE_URL, useValue: options.databaseUrl },
        { provide: PROCESS_ROLE, useValue: options.role },
        ...SERVICES,
        // Uploaded files: PostgreSQL or S3 by FILE_STORAGE, never the process's disk (docs/architecture.md, "Files").
        { provide: FileStore, inject: [AppConfig, DataSource], useFactory: createFileStore },
        { provide: APP_GUARD, useExisting: AuthGuard },
        AuthGuard,
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
      exports: [DiscoveryModule, AppConfig, DATABASE_URL, PROCESS_ROLE, FileStore, ...SERVICES],
    };
  }
}
