import type { Rule } from 'antd/es/form';
import { useEffect, useState } from 'react';
import { formatFen } from '@shared/money';

/** The request schemas of the API, read from its own OpenAPI document, so forms check what the API checks. */
export interface JsonSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  required?: string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  $ref?: string;
  allOf?: JsonSchema[];
}

interface OpenApiDocument {
  components?: { schemas?: Record<string, JsonSchema> };
}

let documentPromise: Promise<OpenApiDocument> | undefined;

function loadDocument(): Promise<OpenApiDocument> {
  documentPromise ??= fetch('/api/docs-json')
    .then((r) => (r.ok ? (r.json() as Promise<OpenApiDocument>) : {}))
    .catch(() => {
      documentPromise = undefined;
      return {};
    });
  return documentPromise;
}

function resolve(doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return resolve(doc, doc.components?.schemas?.[schema.$ref.split('/').pop() ?? '']);
  if (schema.allOf?.length === 1) return resolve(doc, schema.allOf[0]);
  return schema;
}

export interface ResolvedField {
  schema: JsonSchema;
  required: boolean;
}

export type FieldLookup = (path: (string | number)[]) => ResolvedField | undefined;

/** A lookup of field schemas by path within a named request schema (`CreateApplicationDto`). */
export function useSchema(name: string | undefined): FieldLookup | undefined {
  const [lookup, setLookup] = useState<FieldLookup>();
  useEffect(() => {
    if (!name) return;
    let live = true;
    void loadDocument().then((doc) => {
      const root = resolve(doc, doc.components?.schemas?.[name]);
      if (!live || !root) return;
      setLookup(() => (path: (string | number)[]) => {
        let parent: JsonSchema | undefined = root;
        let field: JsonSchema | undefined;
        let required = false;
        for (const part of path) {
          if (!parent) return undefined;
          if (typeof part === 'number') {
            field = resolve(doc, parent.items);
            required = true;
          } else {
            field = resolve(doc, parent.properties?.[part]);
            required = !!parent.required?.includes(part);
          }
          parent = field;
        }
        return field ? { schema: field, required } : undefined;
      });
    });
    return () => {
      live = false;
    };
  }, [name]);
  return lookup;
}

type T = (key: string, vars?: Record<string, string | number>) => string;

/** antd rules equivalent to the API's constraints on one field. */
export function rulesFor(field: ResolvedField | undefined, name: string, t: T): Rule[] {
  if (!field) return [];
  const { schema, required } = field;
  const rules: Rule[] = [];
  const isMoney = /Fen$/.test(name);
  const show = (n: number) => (isMoney ? formatFen(n) : String(n));
  if (required && schema.type === 'array') {
    // The API needs the list to be present; an empty list is fine unless minItems says otherwise.
    rules.push({ validator: async (_, value: unknown) => { if (value === undefined || value === null) throw new Error(t('form.required')); } });
  } else if (required) {
    rules.push({ required: true, message: t('form.required') });
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    rules.push({
      validator: async (_, value: unknown) => {
        if (value === undefined || value === null || value === '') return;
        const n = typeof value === 'number' ? value : Number(value);
        if (!Number.isFinite(n)) throw new Error(t(isMoney ? 'form.money' : 'form.number'));
        if (schema.type === 'integer' && !Number.isInteger(n)) throw new Error(t('form.integer'));
        if (schema.minimum !== undefined && n < schema.minimum) throw new Error(t('form.min', { min: show(schema.minimum) }));
        if (schema.maximum !== undefined && n > schema.maximum) throw new Error(t('form.max', { max: show(schema.maximum) }));
      },
    });
  }
  if (schema.type === 'string') {
    if (schema.minLength !== undefined) rules.push({ min: schema.minLength, message: t('form.minLength', { min: schema.minLength }) });
    if (schema.maxLength !== undefined) rules.push({ max: schema.maxLength, message: t('form.maxLength', { max: schema.maxLength }) });
    if (schema.pattern) rules.push({ pattern: new RegExp(schema.pattern), message: t('form.pattern') });
    if (schema.format === 'date') rules.push({ pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('form.date') });
  }
  if (schema.enum) rules.push({ type: 'enum', enum: schema.enum as (string | number)[], message: t('form.enum') });
  if (schema.type === 'array' && schema.minItems !== undefined) {
    rules.push({ type: 'array', min: schema.minItems, message: t('form.minItems', { min: schema.minItems }) });
  }
  return rules;
}
