import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { AppConfig } from '../config/app-config';
import { assertFileKey, FileStore, StoredFile } from './file-store';

/** Whether an S3 error means "no such object" (GetObject answers NoSuchKey, HeadObject a bare 404). */
function isMissing(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

/**
 * Files in an S3-compatible object store (FILE_STORAGE=s3): AWS S3, MinIO, Ceph RGW, Aliyun OSS, Tencent COS.
 * The sha256 travels as object metadata, so `stat` needs no download. The client retries transient errors
 * itself (the SDK's standard retry strategy).
 */
export class S3FileStore extends FileStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(private readonly config: AppConfig) {
    super();
    if (!config.S3_BUCKET) throw new Error('S3_BUCKET is required when FILE_STORAGE=s3');
    this.bucket = config.S3_BUCKET;
    this.client = new S3Client({
      region: config.S3_REGION,
      endpoint: config.S3_ENDPOINT,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      credentials: config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY } : undefined,
    });
  }

  async put(key: string, content: Buffer, contentType: string): Promise<StoredFile> {
    assertFileKey(key);
    const sha256 = createHash('sha256').update(content).digest('hex');
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: content, ContentLength: content.length, ContentType: contentType, Metadata: { sha256 } }));
    return { key, sizeBytes: content.length, sha256 };
  }

  async stat(key: string): Promise<StoredFile | undefined> {
    assertFileKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { key, sizeBytes: Number(head.ContentLength ?? 0), sha256: head.Metadata?.sha256 ?? '' };
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  async open(key: string): Promise<Readable | undefined> {
    assertFileKey(key);
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      // In Node the body is an http.IncomingMessage: a Readable that streams from the store.
      return object.Body as Readable;
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  async remove(key: string): Promise<void> {
    assertFileKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async verify(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (err) {
      const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
      const where = this.config.S3_ENDPOINT ?? `AWS S3 in ${this.config.S3_REGION}`;
      const status = e.$metadata?.httpStatusCode;
      const why = status === 404 ? 'the bucket does not exist' : status === 403 ? 'access denied (check S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY)' : `${e.name ?? 'error'}: ${e.message ?? String(err)}`;
      throw new Error(`FILE_STORAGE=s3: bucket "${this.bucket}" at ${where} is not usable: ${why}`);
    }
  }

  /** Closes the client's sockets (shutdown). */
  onModuleDestroy(): void {
    this.client.destroy();
  }
}
