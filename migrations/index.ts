import { PlatformFoundation1764400000000 } from './1764400000000-platform-foundation';

/** Every migration, in order. Listed explicitly so the app, the CLI and the tests load the same set. */
export const MIGRATIONS = [PlatformFoundation1764400000000];
