/**
 * The registry of every error code the API can answer with. The platform declares the generic codes
 * (domain-error.ts); each module declares its own in its `x.errors.ts` with `defineErrorCodes`. A code
 * string is global: clients branch on it, so two modules may not claim the same one, and a duplicate
 * stops the process while it loads its modules (docs/architecture.md, "Errors").
 */

declare const registered: unique symbol;

/** A code string that went through the registry, so its HTTP status is known. */
export type RegisteredErrorCode<K extends string = string> = K & { readonly [registered]: true };

/** What a module exports: each code's name maps to its (identical) code string. */
export type ErrorCodes<T extends Record<string, number>> = { readonly [K in keyof T & string]: RegisteredErrorCode<K> };

export interface ErrorCodeEntry {
  code: string;
  status: number;
  /** The module that owns the code: `platform` or a module's name. */
  domain: string;
}

const REGISTRY = new Map<string, ErrorCodeEntry>();

const CODE_SHAPE = /^[A-Z][A-Z0-9_]*$/;

/**
 * Declares a module's error codes with their HTTP status and returns them typed:
 * `defineErrorCodes('four-eyes', { SECOND_PERSON_REQUIRED: 403 }).SECOND_PERSON_REQUIRED`.
 * Throws when a code is already owned by another module or with another status.
 */
export function defineErrorCodes<const T extends Record<string, number>>(domain: string, codes: T): ErrorCodes<T> {
  for (const [code, status] of Object.entries(codes)) registerErrorCode(domain, code, status);
  return Object.freeze(Object.fromEntries(Object.keys(codes).map((code) => [code, code]))) as ErrorCodes<T>;
}

/** Adds one code; `defineErrorCodes` is the way modules use it. */
export function registerErrorCode(domain: string, code: string, status: number): void {
  if (!CODE_SHAPE.test(code)) throw new Error(`Error code ${code} (${domain}) must be UPPER_SNAKE_CASE`);
  if (!Number.isInteger(status) || status < 400 || status > 599) {
    throw new Error(`Error code ${code} (${domain}) needs a 4xx or 5xx HTTP status, not ${status}`);
  }
  const existing = REGISTRY.get(code);
  if (existing) {
    // The same declaration evaluated twice is harmless; anything else is two owners of one code.
    if (existing.domain === domain && existing.status === status) return;
    throw new Error(
      `Error code ${code} is declared twice: by ${existing.domain} (HTTP ${existing.status}) and by ${domain} (HTTP ${status}); codes are global`,
    );
  }
  REGISTRY.set(code, { code, status, domain });
}

/** The HTTP status of a registered code, or undefined for a code nobody declared. */
export function errorStatus(code: string): number | undefined {
  return REGISTRY.get(code)?.status;
}

/** Every registered code, sorted by code string (for the OpenAPI document and tests). */
export function registeredErrorCodes(): ErrorCodeEntry[] {
  return [...REGISTRY.values()].sort((a, b) => a.code.localeCompare(b.code));
}
