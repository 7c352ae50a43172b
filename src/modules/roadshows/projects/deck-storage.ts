import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { FileStore, StoredFile } from '../../../platform/files/file-store';

export type StoredDeck = StoredFile;

/** A deck's key as roadshow_projects.deck_key holds it: `<project uuid>/<uuid>.<ext>`. */
export const DECK_KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}\.[a-z]{2,5}$/;

/**
 * Where pitch decks (路演材料) live. Decks are confidential: nothing here is served directly;
 * the projects service checks who may read a deck before it opens one.
 */
export abstract class DeckStorage {
  /** Stores a new deck of a project under a fresh key; never overwrites an existing one. */
  abstract put(projectId: string, extension: string, contentType: string, content: Buffer): Promise<StoredDeck>;
  /** A stream of the deck, or undefined when the key is gone. */
  abstract open(key: string): Promise<Readable | undefined>;
  abstract remove(key: string): Promise<void>;
}

/**
 * Decks in the deployment's shared FileStore (PostgreSQL or S3; docs/architecture.md, "Files") under
 * `decks/<deck key>`, so a deck uploaded through one API process is read through any other. Decks that
 * an older version kept on the local disk move in with deck-disk-migration.ts.
 */
@Injectable()
export class SharedDeckStorage extends DeckStorage {
  constructor(private readonly files: FileStore) {
    super();
  }

  async put(projectId: string, extension: string, contentType: string, content: Buffer): Promise<StoredDeck> {
    if (!/^[0-9a-f-]{36}$/.test(projectId) || !/^[a-z]{2,5}$/.test(extension)) throw new Error('invalid deck key parts');
    const key = `${projectId}/${randomUUID()}.${extension}`;
    const stored = await this.files.put(deckFileKey(key), content, contentType);
    return { ...stored, key };
  }

  open(key: string): Promise<Readable | undefined> {
    return this.files.open(deckFileKey(key));
  }

  remove(key: string): Promise<void> {
    return this.files.remove(deckFileKey(key));
  }
}

/** The FileStore key of a deck key; keys are ours (`<uuid>/<uuid>.<ext>`), anything else is refused. */
export function deckFileKey(key: string): string {
  if (!DECK_KEY.test(key)) throw new Error(`invalid deck key ${key}`);
  return `decks/${key}`;
}
