import { ValidationError, ValidationPipe } from '@nestjs/common';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min, ValidationOptions } from 'class-validator';
import { DomainError, ErrorCode, FieldProblem } from '../errors/domain-error';

/** Flattens nested class-validator errors into `{field: 'a.b[0].c', message}` pairs. */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    for (const message of Object.values(error.constraints ?? {})) problems.push({ field, message });
    if (error.children?.length) problems.push(...fieldProblems(error.children, field));
  }
  return problems;
}

/** The one global pipe: unknown fields are refused (no mass assignment), types are converted. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = fieldProblems(errors);
      const summary = details.slice(0, 3).map((d) => `${d.field}: ${d.message}`).join('; ');
      return new DomainError(ErrorCode.ValidationFailed, summary || 'The request is invalid', details);
    },
  });
}

/** Largest amount accepted anywhere: ¥10 billion in fen. Keeps sums far from 2^53. */
export const MAX_FEN = 1_000_000_000_000;

/** Money in DTOs: a non-negative integer number of fen (分). */
export function IsFen(options: { min?: number; description?: string } & ApiPropertyOptions = {}, validation?: ValidationOptions) {
  const { min = 0, description, ...api } = options;
  return applyDecorators(
    ApiProperty({ type: 'integer', minimum: min, maximum: MAX_FEN, description: description ?? 'Amount in fen (分), integer', ...api }),
    IsInt({ message: '$property must be an integer number of fen', ...validation }),
    Min(min, validation),
    Max(MAX_FEN, validation),
  );
}

/** Strips surrounding white space from a string before it is validated (so "  " fails a MinLength(1)). */
export function Trim() {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
}
