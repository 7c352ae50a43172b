import type { OpenAPIObject } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { registeredErrorCodes } from './error-codes';

/**
 * Puts the one JSON error body into the OpenAPI document as the `ErrorBody` schema, its `code` an
 * enum of every registered code, and lists each code's HTTP status and owning module under
 * `x-error-codes`, so clients can branch on codes the document names.
 */
export function addErrorCodes(document: OpenAPIObject): OpenAPIObject {
  const codes = registeredErrorCodes();
  const errorBody: SchemaObject = {
    type: 'object',
    description: 'The body of every failing request. Clients branch on `code`, never on `message`.',
    required: ['statusCode', 'code', 'message'],
    properties: {
      statusCode: { type: 'integer', description: 'The HTTP status, repeated' },
      code: { type: 'string', enum: codes.map((entry) => entry.code) },
      message: { type: 'string', description: 'Human text; may change between versions' },
      details: {
        description: 'Field problems of a validation failure, or facts about the refusal',
        oneOf: [
          { type: 'array', items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } } },
          { type: 'object', additionalProperties: true },
        ],
      },
    },
  };
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ErrorBody: errorBody } };
  (document as OpenAPIObject & { 'x-error-codes'?: unknown })['x-error-codes'] = codes.map(({ code, status, domain }) => ({ code, status, domain }));
  return document;
}
