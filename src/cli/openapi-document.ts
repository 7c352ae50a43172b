import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../app.module';
import { buildOpenApi } from '../bootstrap';
import { loadConfig } from '../platform/config/app-config';

/**
 * The OpenAPI document without a database, Redis or workers: Nest's preview mode builds the module graph
 * but instantiates no provider, and the document is read from the controllers' and DTOs' metadata alone.
 * The route table is the one `bootstrap` serves (same modules, same global prefix).
 */
export async function openApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig({}, { PORT: '0', LOG_LEVEL: 'warn' });
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config, databaseUrl: 'postgres://openapi-preview/none', role: 'api' }),
    { preview: true, logger: false, abortOnError: false },
  );
  try {
    app.setGlobalPrefix('api/v1', { exclude: ['health', 'metrics'] });
    return buildOpenApi(app);
  } finally {
    await app.close();
  }
}
