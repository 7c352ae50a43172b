import { Module } from '@nestjs/common';
import { LedgerService } from './ledger.service';

/** The double-entry ledger every money movement goes through. */
@Module({ providers: [LedgerService], exports: [LedgerService] })
export class LedgerModule {}
