import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { assertFileKey, FileStore, StoredFile } from './file-store';

/** Bytes per read when streaming a file out: bounds a download's memory, whatever the file's size. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Files as bytea rows of `stored_files` (migration 1764900150000: why bytea, not large objects). The embedded
 * default: nothing else to run, and every process sharing the database shares the files.
 */
@Injectable()
export class PostgresFileStore extends FileStore {
  readonly kind = 'postgres' as const;

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async put(key: string, content: Buffer, contentType: string): Promise<StoredFile> {
    assertFileKey(key);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const rows = (await this.dataSource.query(
      `INSERT INTO stored_files (key, content, size_bytes, sha256, content_type) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key WHERE stored_files.sha256 = EXCLUDED.sha256
       RETURNING key`,
      [key, content, content.length, sha256, contentType],
    )) as unknown[];
    // A key is written once: the same content again is a retry; different content under a used key is a bug.
    if (rows.length === 0) throw new Error(`file ${key} exists with other content`);
    return { key, sizeBytes: content.length, sha256 };
  }

  async stat(key: string): Promise<StoredFile | undefined> {
    assertFileKey(key);
    const [row] = (await this.dataSource.query(`SELECT size_bytes, sha256 FROM stored_files WHERE key = $1`, [key])) as { size_bytes: string; sha256: string }[];
    return row ? { key, sizeBytes: Number(row.size_bytes), sha256: row.sha256 } : undefined;
  }

  /**
   * Streams the file in CHUNK_BYTES reads (`substring` on an uncompressed TOAST value reads only those chunks),
   * each its own short query, so a slow client holds no database connection. A file removed mid-download (its
   * deck replaced) ends the stream with an error; the client asks again and gets the new one.
   */
  async open(key: string): Promise<Readable | undefined> {
    const stat = await this.stat(key);
    if (!stat) return undefined;
    const dataSource = this.dataSource;
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let offset = 0; offset < stat!.sizeBytes; offset += CHUNK_BYTES) {
        const [row] = (await dataSource.query(`SELECT substring(content FROM $2 FOR $3) AS part FROM stored_files WHERE key = $1`, [key, offset + 1, CHUNK_BYTES])) as { part: Buffer }[];
        if (!row) throw new Error(`file ${key} was removed while being read`);
        yield row.part;
      }
    }
    return Readable.from(chunks(), { objectMode: false });
  }

  async remove(key: string): Promise<void> {
    assertFileKey(key);
    await this.dataSource.query(`DELETE FROM stored_files WHERE key = $1`, [key]);
  }

  async verify(): Promise<void> {
    try {
      await this.dataSource.query(`SELECT 1 FROM stored_files LIMIT 0`);
    } catch (err) {
      throw new Error(`FILE_STORAGE=postgres: table stored_files is not usable (${(err as Error).message}); run the migrations (npm run migration:run)`);
    }
  }
}
