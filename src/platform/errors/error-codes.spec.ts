import { Logger } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { DomainError, ErrorCode } from './domain-error';
import { RegisteredErrorCode, defineErrorCodes, errorStatus, registeredErrorCodes } from './error-codes';
import { addErrorCodes } from './error-codes.openapi';
import { HttpExceptionFilter } from './http-exception.filter';

describe('error codes per domain', () => {
  it('returns each declared code as its own string and registers its HTTP status', () => {
    const codes = defineErrorCodes('spec-lab', { SPEC_LAB_CLOSED: 409, SPEC_LAB_UNVERIFIED: 422 });

    expect(codes).toEqual({ SPEC_LAB_CLOSED: 'SPEC_LAB_CLOSED', SPEC_LAB_UNVERIFIED: 'SPEC_LAB_UNVERIFIED' });
    expect(Object.isFrozen(codes)).toBe(true);
    expect(errorStatus(codes.SPEC_LAB_CLOSED)).toBe(409);
    expect(registeredErrorCodes().find((entry) => entry.code === 'SPEC_LAB_UNVERIFIED')).toEqual({
      code: 'SPEC_LAB_UNVERIFIED',
      status: 422,
      domain: 'spec-lab',
    });
  });

  it('gives a module code the same JSON error body as a platform code', () => {
    const codes = defineErrorCodes('spec-body', { SPEC_BODY_REFUSED: 403 });

    expect(new DomainError(codes.SPEC_BODY_REFUSED, 'Refused', { by: 'u1' }).toBody()).toEqual({
      statusCode: 403,
      code: 'SPEC_BODY_REFUSED',
      message: 'Refused',
      details: { by: 'u1' },
    });
    expect(new DomainError(ErrorCode.IllegalTransition, 'No').toBody()).toEqual({ statusCode: 409, code: 'ILLEGAL_TRANSITION', message: 'No' });
  });

  it('keeps the generic codes with the platform', () => {
    const platform = registeredErrorCodes().filter((entry) => entry.domain === 'platform');

    expect(platform.map((entry) => entry.code).sort()).toEqual(Object.values(ErrorCode).sort());
    expect(errorStatus(ErrorCode.NotFound)).toBe(404);
    expect(errorStatus(ErrorCode.RateLimited)).toBe(429);
  });

  it('refuses a code another module already declared', () => {
    defineErrorCodes('spec-first', { SPEC_TAKEN: 409 });

    expect(() => defineErrorCodes('spec-second', { SPEC_TAKEN: 409 })).toThrow(
      'Error code SPEC_TAKEN is declared twice: by spec-first (HTTP 409) and by spec-second (HTTP 409); codes are global',
    );
    expect(() => defineErrorCodes('spec-first', { SPEC_TAKEN: 422 })).toThrow('declared twice');
    expect(() => defineErrorCodes('spec-third', { NOT_FOUND: 404 })).toThrow('by platform (HTTP 404)');
    expect(errorStatus('SPEC_TAKEN')).toBe(409);
  });

  it('accepts the same declaration evaluated twice', () => {
    defineErrorCodes('spec-again', { SPEC_AGAIN: 410 });

    expect(defineErrorCodes('spec-again', { SPEC_AGAIN: 410 }).SPEC_AGAIN).toBe('SPEC_AGAIN');
  });

  it('refuses codes that are not UPPER_SNAKE_CASE or statuses that are not errors', () => {
    expect(() => defineErrorCodes('spec-bad', { 'spec-lower': 400 })).toThrow('UPPER_SNAKE_CASE');
    expect(() => defineErrorCodes('spec-bad', { SPEC_OK_STATUS: 200 })).toThrow('4xx or 5xx');
    expect(errorStatus('SPEC_OK_STATUS')).toBeUndefined();
  });

  it('answers a module code through the filter with its status, and a code nobody declared as a hidden 500', () => {
    const codes = defineErrorCodes('spec-filter', { SPEC_FILTER_GONE: 410 });
    const filter = new HttpExceptionFilter();
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

    expect(filter.toBody(new DomainError(codes.SPEC_FILTER_GONE, 'Gone'))).toEqual({ statusCode: 410, code: 'SPEC_FILTER_GONE', message: 'Gone' });
    expect(filter.toBody(new DomainError('SPEC_NOBODY_DECLARED' as RegisteredErrorCode, 'Secret text'))).toEqual({
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: 'Internal server error',
    });
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
  });

  it('lists every registered code in the OpenAPI ErrorBody schema and under x-error-codes', () => {
    defineErrorCodes('spec-doc', { SPEC_DOC_LISTED: 422 });

    const document = addErrorCodes({ openapi: '3.0.0', info: { title: 'spec', version: '1' }, paths: {} } as OpenAPIObject);

    const code = (document.components?.schemas?.ErrorBody as { properties: { code: { enum: string[] } } }).properties.code;
    expect(code.enum).toEqual(registeredErrorCodes().map((entry) => entry.code));
    expect(code.enum).toEqual(expect.arrayContaining(['SPEC_DOC_LISTED', 'NOT_FOUND']));
    expect((document as { 'x-error-codes'?: unknown })['x-error-codes']).toContainEqual({ code: 'SPEC_DOC_LISTED', status: 422, domain: 'spec-doc' });
  });

  it('loads every module of the application without two owners of one code', async () => {
    // Importing the application module evaluates every module's x.errors.ts, as start-up does.
    await expect(import('../../app.module')).resolves.toBeDefined();

    const codes = registeredErrorCodes();
    expect(new Set(codes.map((entry) => entry.code)).size).toBe(codes.length);
    // Moved out of the platform's enum with their code strings and statuses unchanged.
    expect(codes.filter((entry) => ['SECOND_PERSON_REQUIRED', 'INVALID_CREDENTIALS', 'TOKEN_REVOKED', 'PASSWORD_RESET_REQUIRED'].includes(entry.code))).toEqual([
      { code: 'INVALID_CREDENTIALS', status: 401, domain: 'auth' },
      { code: 'PASSWORD_RESET_REQUIRED', status: 403, domain: 'auth' },
      { code: 'SECOND_PERSON_REQUIRED', status: 403, domain: 'four-eyes' },
      { code: 'TOKEN_REVOKED', status: 401, domain: 'auth' },
    ]);
  });
});
