import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { FileStore } from './file-store';
import { PostgresFileStore } from './postgres-file-store';
import { S3FileStore } from './s3-file-store';

/** The FileStore FILE_STORAGE names (the platform module and command-line tools build it the same way). */
export function createFileStore(config: AppConfig, dataSource: DataSource): FileStore {
  return config.FILE_STORAGE === 's3' ? new S3FileStore(config) : new PostgresFileStore(dataSource);
}
