import type { Readable } from 'node:stream';

export interface StoredFile {
  key: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * Where uploaded files live, shared by every API and worker process (docs/architecture.md, "Files"):
 * PostgreSQL (`stored_files`) or an S3-compatible object store, chosen by FILE_STORAGE. Nothing is kept
 * on a process's disk. Keys are chosen by the caller (`<area>/<…>`), never by a client, and a key is
 * written once: callers put under a fresh key and remove the old one, so readers never see a file
 * change under them.
 */
export abstract class FileStore {
  abstract readonly kind: 'postgres' | 's3';
  /** Stores `content` under `key`. Putting the same content under the same key again is harmless (migrations retry). */
  abstract put(key: string, content: Buffer, contentType: string): Promise<StoredFile>;
  /** A stream of the file, or undefined when there is none under the key. */
  abstract open(key: string): Promise<Readable | undefined>;
  /** The size and digest of what is stored under the key, or undefined. */
  abstract stat(key: string): Promise<StoredFile | undefined>;
  abstract remove(key: string): Promise<void>;
  /** Start-up check that the store is reachable and usable; throws a message an operator can act on. */
  abstract verify(): Promise<void>;
}

const KEY = /^[a-z][a-z0-9-]*(\/[A-Za-z0-9._-]+)+$/;

/** Keys are ours, never a client's; anything else is refused (no `..`, no leading slash). */
export function assertFileKey(key: string): void {
  if (!KEY.test(key) || key.includes('..')) throw new Error(`invalid file key ${key}`);
}
