import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import S3rver from 's3rver';
import { migrateLocalDecks } from '../../src/modules/roadshows/projects/deck-disk-migration';
import { loadConfig } from '../../src/platform/config/app-config';
import { FileStore } from '../../src/platform/files/file-store';
import { S3FileStore } from '../../src/platform/files/s3-file-store';
import { createTestDatabase, DEMO, login, Session, startTestApp, TestApp, TestDatabase } from '../support/test-app';

jest.setTimeout(120_000);

const BUCKET = 'g60-decks';
const S3_KEYS = { S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' };

/** A PDF of `size` bytes: bigger than the PostgreSQL store's 1 MiB read, so a download spans several reads. */
function pdf(size: number): Buffer {
  const body = randomBytes(size);
  Buffer.from('%PDF-1.7\n').copy(body);
  return body;
}

/** Collects a binary body (supertest parses only text and JSON by itself). */
const binary = (res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

async function createProject(app: TestApp, enterprise: Session): Promise<string> {
  const res = await app.http().post('/api/v1/roadshow-projects').set(enterprise.auth).send({
    title: '固态电池隔膜',
    summary: '面向储能的陶瓷复合隔膜',
    industry: 'new_materials',
    stage: 'seed',
    financingAskFen: 500_000_000,
    regionCode: '330402',
    team: [{ name: '周岚', role: 'CEO' }],
  });
  if (res.status !== 201) throw new Error(`project: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

async function upload(app: TestApp, enterprise: Session, projectId: string, content: Buffer): Promise<void> {
  await app.http().post(`/api/v1/roadshow-projects/${projectId}/deck`).set(enterprise.auth).attach('deck', content, { filename: 'deck.pdf', contentType: 'application/pdf' }).expect(200);
}

async function download(app: TestApp, session: Session, projectId: string): Promise<Buffer> {
  const res = await app.http().get(`/api/v1/roadshow-projects/${projectId}/deck`).set(session.auth).buffer(true).parse(binary).expect(200);
  return res.body as Buffer;
}

/**
 * A deck as an older version left it: `<dataDir>/decks/<project>/<uuid>.pdf`, the project's row pointing at it.
 * Returns the deck key and content.
 */
async function legacyDeck(app: TestApp, dataDir: string, projectId: string, size = 4096): Promise<{ key: string; content: Buffer }> {
  const content = pdf(size);
  const key = `${projectId}/${randomUUID()}.pdf`;
  mkdirSync(path.join(dataDir, 'decks', projectId), { recursive: true });
  writeFileSync(path.join(dataDir, 'decks', key), content);
  await app.dataSource.query(
    `UPDATE roadshow_projects SET deck_key = $2, deck_file_name = 'legacy.pdf', deck_content_type = 'application/pdf', deck_size_bytes = $3, deck_sha256 = $4, deck_uploaded_at = now() WHERE id = $1`,
    [projectId, key, content.length, createHash('sha256').update(content).digest('hex')],
  );
  return { key, content };
}

/**
 * Issue 20: a deck uploaded through one API process is read through another, whether the files live in
 * PostgreSQL (the default) or in an S3-compatible store (a real local S3 server, s3rver); decks an older
 * version kept on a host's disk move into the store, once.
 */
describe('file storage shared by every process', () => {
  let s3: S3rver;
  let s3Dir: string;
  let endpoint: string;
  const dirs: string[] = [];
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    s3Dir = tempDir('g60-s3-');
    s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
    const address = (await s3.run()) as AddressInfo;
    endpoint = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    await s3?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  describe('PostgreSQL (FILE_STORAGE=postgres, the default)', () => {
    let db: TestDatabase;
    let first: TestApp;
    let second: TestApp | undefined;
    afterAll(async () => {
      await second?.close({ keepData: true });
      await first?.close();
    });

    it('serves through a second process the decks uploaded through the first, and moves old local decks in at start-up', async () => {
      db = await createTestDatabase();
      first = await startTestApp({ database: db, env: { EMBEDDED_DATA_DIR: tempDir('g60-first-') } });
      const enterprise = await login(first, DEMO.enterprise);
      const uploadedId = await createProject(first, enterprise);
      const legacyId = await createProject(first, enterprise);
      const deck = pdf(2 * 1024 * 1024 + 12_345);
      await upload(first, enterprise, uploadedId, deck);

      // The second process's host still has a deck on its disk from before, and a file no project points at.
      const secondDir = tempDir('g60-second-');
      const legacy = await legacyDeck(first, secondDir, legacyId);
      const orphanKey = `${legacyId}/${randomUUID()}.pdf`;
      writeFileSync(path.join(secondDir, 'decks', orphanKey), pdf(100));
      second = await startTestApp({ database: db, queuePrefix: first.queuePrefix, env: { EMBEDDED_DATA_DIR: secondDir } });

      expect((await download(second, enterprise, uploadedId)).equals(deck)).toBe(true);
      expect((await download(first, enterprise, legacyId)).equals(legacy.content)).toBe(true);
      expect(existsSync(path.join(secondDir, 'decks', legacy.key))).toBe(false);
      expect(existsSync(path.join(secondDir, 'decks', orphanKey))).toBe(true);
      const rows = await first.dataSource.query(`SELECT key, size_bytes::int AS size FROM stored_files ORDER BY size`);
      expect(rows).toEqual([
        { key: `decks/${legacy.key}`, size: legacy.content.length },
        { key: expect.stringMatching(new RegExp(`^decks/${uploadedId}/[0-9a-f-]{36}\\.pdf$`)), size: deck.length },
      ]);

      // Run again (npm run files:migrate does the same): nothing moves twice; the orphan stays for an operator.
      expect(await migrateLocalDecks(second.dataSource, second.get(FileStore), secondDir)).toEqual({ moved: 0, alreadyStored: 0, orphans: [orphanKey], mismatched: [] });

      // A replaced deck is gone from the store; both processes serve the new one.
      const replacement = pdf(70_000);
      await upload(second, enterprise, uploadedId, replacement);
      expect((await download(first, enterprise, uploadedId)).equals(replacement)).toBe(true);
      const [{ n }] = await first.dataSource.query(`SELECT count(*)::int AS n FROM stored_files WHERE key LIKE $1`, [`decks/${uploadedId}/%`]);
      expect(n).toBe(1);
    });
  });

  describe('S3 (FILE_STORAGE=s3, a real local S3 server)', () => {
    let first: TestApp;
    let second: TestApp | undefined;
    const s3Env = () => ({ FILE_STORAGE: 's3', S3_ENDPOINT: endpoint, S3_BUCKET: BUCKET, S3_FORCE_PATH_STYLE: 'true', ...S3_KEYS });
    afterAll(async () => {
      await second?.close({ keepData: true });
      await first?.close();
    });

    it('serves through a second process the decks uploaded through the first; old local decks move into the bucket', async () => {
      first = await startTestApp({ env: { ...s3Env(), EMBEDDED_DATA_DIR: tempDir('g60-first-') } });
      second = await startTestApp({ database: first.db, queuePrefix: first.queuePrefix, env: { ...s3Env(), EMBEDDED_DATA_DIR: tempDir('g60-second-') } });
      const enterprise = await login(first, DEMO.enterprise);
      const projectId = await createProject(first, enterprise);
      const deck = pdf(1_500_000);
      await upload(first, enterprise, projectId, deck);
      expect((await download(second, enterprise, projectId)).equals(deck)).toBe(true);

      const [{ deck_key: key }] = await first.dataSource.query(`SELECT deck_key FROM roadshow_projects WHERE id = $1`, [projectId]);
      const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
      const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `decks/${key}` }));
      expect({ size: head.ContentLength, sha256: head.Metadata?.sha256 }).toEqual({ size: deck.length, sha256: createHash('sha256').update(deck).digest('hex') });
      const [{ n }] = await first.dataSource.query(`SELECT count(*)::int AS n FROM stored_files`);
      expect(n).toBe(0);

      // Replacing through the second process removes the old object.
      await upload(second, enterprise, projectId, pdf(2000));
      await expect(client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `decks/${key}` }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });

      // A deck left on a host's disk moves into the bucket (the command-line migration calls the same function).
      const legacyId = await createProject(first, enterprise);
      const oldDir = tempDir('g60-old-');
      const legacy = await legacyDeck(first, oldDir, legacyId);
      expect(await migrateLocalDecks(first.dataSource, first.get(FileStore), oldDir)).toEqual({ moved: 1, alreadyStored: 0, orphans: [], mismatched: [] });
      expect((await download(second, enterprise, legacyId)).equals(legacy.content)).toBe(true);
      expect(existsSync(path.join(oldDir, 'decks'))).toBe(false);
      client.destroy();
    });
  });

  it('refuses an S3 configuration it cannot use, with a message naming the setting', async () => {
    expect(() => loadConfig({ FILE_STORAGE: 's3' })).toThrow(/S3_BUCKET: required when FILE_STORAGE=s3/);
    expect(() => loadConfig({ FILE_STORAGE: 's3', S3_BUCKET: BUCKET, S3_ACCESS_KEY_ID: 'only-one' })).toThrow(/S3_ACCESS_KEY_ID \/ S3_SECRET_ACCESS_KEY: set both, or neither/);
    expect(() => loadConfig({ FILE_STORAGE: 's3', S3_BUCKET: 'Not_A_Bucket' })).toThrow(/S3_BUCKET must be an S3 bucket name/);
    expect(() => loadConfig({ FILE_STORAGE: 's3', S3_BUCKET: BUCKET, S3_ENDPOINT: 'minio:9000' })).toThrow(/S3_ENDPOINT must be an http\(s\) URL/);
    expect(() => loadConfig({ FILE_STORAGE: 'disk' })).toThrow(/FILE_STORAGE/);
    // Start-up checks the bucket (bootstrap calls verify() before the process serves or works).
    const missing = new S3FileStore(loadConfig({ FILE_STORAGE: 's3', S3_ENDPOINT: endpoint, S3_BUCKET: 'no-such-bucket', S3_FORCE_PATH_STYLE: 'true', ...S3_KEYS }));
    await expect(missing.verify()).rejects.toThrow(`FILE_STORAGE=s3: bucket "no-such-bucket" at ${endpoint} is not usable: the bucket does not exist`);
    missing.onModuleDestroy();
    const present = new S3FileStore(loadConfig({ FILE_STORAGE: 's3', S3_ENDPOINT: endpoint, S3_BUCKET: BUCKET, S3_FORCE_PATH_STYLE: 'true', ...S3_KEYS }));
    await expect(present.verify()).resolves.toBeUndefined();
    present.onModuleDestroy();
  });
});
