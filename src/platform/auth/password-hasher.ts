import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config';

/** argon2id (t=3, p=4) with PASSWORD_HASH_MEMORY_KIB of memory (64 MiB by default). Hashes carry their parameters. */
@Injectable()
export class PasswordHasher {
  private dummy?: Promise<string>;

  constructor(private readonly config: AppConfig) {}

  /**
   * A hash of a random password with the configured cost: login verifies against it when the
   * e-mail is unknown, so both answers take the same time.
   */
  dummyHash(): Promise<string> {
    this.dummy ??= this.hash(randomBytes(24).toString('base64url'));
    return this.dummy;
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, memoryCost: this.config.PASSWORD_HASH_MEMORY_KIB, timeCost: 3, parallelism: 4 });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }
}
