import 'reflect-metadata';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsIn, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import type { OpenAPIObject } from '@nestjs/swagger';
import { addValidationConstraints } from './openapi-constraints';

class ConstraintProbeDto {
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(40) name: string;
  @ApiProperty() @Min(1) @Max(10_000) quantity: number;
  @ApiProperty({ maximum: 5 }) @Max(9) explicit: number;
  @ApiProperty() @Matches(/^[A-Z]{2}-\d+$/) code: string;
  @ApiProperty() @Matches(/^abc$/i) caseless: string;
  @ApiProperty() @IsIn(['monthly', 'quarterly']) cycle: string;
  @ApiProperty({ type: [String] }) @ArrayMinSize(1) @IsUUID('4', { each: true }) ids: string[];
  @ApiPropertyOptional() @ValidateIf((o: ConstraintProbeDto) => o.cycle === 'monthly') @MaxLength(3) conditional?: string;
}

function documentWith(properties: Record<string, object>): OpenAPIObject {
  return { openapi: '3.0.0', info: { title: 't', version: '1' }, paths: {}, components: { schemas: { ConstraintProbeDto: { type: 'object', properties } } } };
}

describe('OpenAPI schemas carry the DTOs’ class-validator constraints', () => {
  it('adds lengths, ranges, patterns, allowed values and array sizes', () => {
    const doc = addValidationConstraints(documentWith({
      name: { type: 'string' }, quantity: { type: 'number' }, explicit: { type: 'number', maximum: 5 }, code: { type: 'string' },
      caseless: { type: 'string' }, cycle: { type: 'string' }, ids: { type: 'array', items: { type: 'string' } }, conditional: { type: 'string' },
    }));
    const p = (doc.components!.schemas!.ConstraintProbeDto as { properties: Record<string, Record<string, unknown>> }).properties;
    expect(p.name).toMatchObject({ minLength: 2, maxLength: 40 });
    expect(p.quantity).toMatchObject({ minimum: 1, maximum: 10_000 });
    expect(p.explicit.maximum).toBe(5); // what @ApiProperty states explicitly wins
    expect(p.code.pattern).toBe('^[A-Z]{2}-\\d+$');
    expect(p.caseless.pattern).toBeUndefined(); // flags a client cannot reproduce
    expect(p.cycle.enum).toEqual(['monthly', 'quarterly']);
    expect(p.ids).toMatchObject({ minItems: 1, items: { type: 'string', format: 'uuid' } });
    expect(p.conditional.maxLength).toBeUndefined(); // conditional checks stay server-side
  });
});
