import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { AppConfig } from '../../../platform/config/app-config';

export interface StoredDeck {
  key: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * Where pitch decks (路演材料) live. Decks are confidential: nothing here is served directly;
 * the projects service checks who may read a deck before it opens one.
 */
export abstract class DeckStorage {
  /** Stores a new deck of a project under a fresh key; never overwrites an existing one. */
  abstract put(projectId: string, extension: string, content: Buffer): Promise<StoredDeck>;
  /** A stream of the deck, or undefined when the key is gone. */
  abstract open(key: string): Promise<Readable | undefined>;
  abstract remove(key: string): Promise<void>;
}

/**
 * Local disk under `${EMBEDDED_DATA_DIR}/decks` (no config key of its own): written to a temporary
 * name and renamed, so a reader never sees half a file.
 */
@Injectable()
export class LocalDiskDeckStorage extends DeckStorage {
  private readonly root: string;

  constructor(config: AppConfig) {
    super();
    this.root = path.resolve(config.EMBEDDED_DATA_DIR, 'decks');
  }

  async put(projectId: string, extension: string, content: Buffer): Promise<StoredDeck> {
    if (!/^[0-9a-f-]{36}$/.test(projectId) || !/^[a-z]{2,5}$/.test(extension)) throw new Error('invalid deck key parts');
    const key = `${projectId}/${randomUUID()}.${extension}`;
    const file = this.fileOf(key);
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const temp = `${file}.part`;
    await fs.writeFile(temp, content, { mode: 0o600, flag: 'wx' });
    await fs.rename(temp, file);
    return { key, sizeBytes: content.length, sha256: createHash('sha256').update(content).digest('hex') };
  }

  async open(key: string): Promise<Readable | undefined> {
    const file = this.fileOf(key);
    try {
      await fs.access(file);
    } catch {
      return undefined;
    }
    return createReadStream(file);
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.fileOf(key), { force: true });
  }

  /** Keys are ours (`<uuid>/<uuid>.<ext>`); anything else is refused, so no path escapes the root. */
  private fileOf(key: string): string {
    if (!/^[0-9a-f-]{36}\/[0-9a-f-]{36}\.[a-z]{2,5}$/.test(key)) throw new Error(`invalid deck key ${key}`);
    return path.join(this.root, key);
  }
}
