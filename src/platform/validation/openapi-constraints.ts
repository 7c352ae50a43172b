import type { OpenAPIObject } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Apply = (schema: SchemaObject, constraints: unknown[]) => void;

/** class-validator checks that have a JSON-schema equivalent; the first value set wins (explicit @ApiProperty stays). */
const EQUIVALENTS: Record<string, Apply> = {
  maxLength: (s, [max]) => void (s.maxLength ??= max as number),
  minLength: (s, [min]) => void (s.minLength ??= min as number),
  isLength: (s, [min, max]) => {
    s.minLength ??= min as number;
    if (max !== undefined) s.maxLength ??= max as number;
  },
  min: (s, [min]) => void (s.minimum ??= min as number),
  max: (s, [max]) => void (s.maximum ??= max as number),
  matches: (s, [pattern]) => {
    // Only patterns a client reproduces as they are: no flags.
    if (pattern instanceof RegExp && pattern.flags === '') s.pattern ??= pattern.source;
  },
  isIn: (s, [values]) => void (s.enum ??= values as unknown[]),
  arrayMinSize: (s, [min]) => void (s.minItems ??= min as number),
  arrayMaxSize: (s, [max]) => void (s.maxItems ??= max as number),
  isEmail: (s) => void (s.format ??= 'email'),
  isUuid: (s) => void (s.format ??= 'uuid'),
  isUrl: (s) => void (s.format ??= 'uri'),
};

/**
 * Copies the request DTOs' class-validator constraints (lengths, ranges, patterns, allowed values)
 * into the OpenAPI schemas of the same name, so the document states what the API checks and
 * clients (the web portal's forms) can check the same before sending.
 */
export function addValidationConstraints(document: OpenAPIObject): OpenAPIObject {
  const schemas = document.components?.schemas ?? {};
  const byName = new Map<string, Function[]>();
  for (const target of validatedClasses()) byName.set(target.name, [...(byName.get(target.name) ?? []), target]);
  for (const [name, targets] of byName) {
    const schema = schemas[name] as SchemaObject | undefined;
    if (!schema?.properties || targets.length !== 1) continue; // a name shared by two classes is ambiguous
    const metadata = getMetadataStorage().getTargetValidationMetadatas(targets[0], '', true, false);
    // Checks under @ValidateIf apply only sometimes: they stay server-side.
    const conditional = new Set(metadata.filter((m) => m.type === 'conditionalValidation').map((m) => m.propertyName));
    for (const m of metadata) {
      const apply = m.name ? EQUIVALENTS[m.name] : undefined;
      if (!apply || m.groups?.length || conditional.has(m.propertyName)) continue;
      const property = schema.properties[m.propertyName] as SchemaObject | undefined;
      if (!property || '$ref' in property) continue;
      const target = m.each ? (property.items as SchemaObject | undefined) : property;
      if (target && !('$ref' in target)) apply(target, m.constraints ?? []);
    }
  }
  return document;
}

/** Every class that carries class-validator decorators (the storage keeps them by class). */
function validatedClasses(): Function[] {
  const storage = getMetadataStorage() as unknown as { validationMetadatas?: Map<Function | string, ValidationMetadata[]> };
  const map = storage.validationMetadatas;
  if (!(map instanceof Map)) return [];
  return [...map.keys()].filter((k): k is Function => typeof k === 'function');
}
