/** The resolved PostgreSQL URL (external, or the embedded server's). */
export const DATABASE_URL = Symbol('DATABASE_URL');
/** Which loops this process runs: API, workers, or both. */
export const PROCESS_ROLE = Symbol('PROCESS_ROLE');
