/** Deeper JSON than this is refused before validation (class-validator recurses and would overflow the stack). */
export const MAX_BODY_DEPTH = 32;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a parsed JSON body must be refused outright, or undefined when it is fine to validate:
 * nesting deeper than MAX_BODY_DEPTH, or strings (keys included) with lone UTF-16 surrogates,
 * which are not text and make some validators throw. Iterative, so hostile depth cannot recurse.
 */
export function unsafeJsonReason(body: unknown): string | undefined {
  const pending: [unknown, number][] = [[body, 0]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop() as [unknown, number];
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) return 'contains a lone surrogate (not valid text)';
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_BODY_DEPTH) return `is nested deeper than ${MAX_BODY_DEPTH} levels`;
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
        if (LONE_SURROGATE.test(key)) return 'contains a lone surrogate (not valid text)';
        pending.push([child, depth + 1]);
      }
    }
  }
  return undefined;
}
