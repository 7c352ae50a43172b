import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '../../platform/database/money';
import type { AgreementStatus, CatalogServiceStatus } from './catalog.state';

@Entity('service_categories')
export class ServiceCategory {
  @PrimaryColumn() code: string;
  @Column() name: string;
  @Column() nameEn: string;
  @Column() sortOrder: number;
}

/**
 * One catalogue service (服务项目) of a provider. search_text / search_tokens are written with
 * raw SQL by CatalogService and the import, never through this entity.
 */
@Entity('catalog_services')
export class CatalogItem {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() providerId: string;
  /** The provider's own item code, unique per provider. */
  @Column() code: string;
  @Column() name: string;
  @Column() category: string;
  @Column({ type: 'bigint', transformer: fenTransformer }) unitPriceFen: number;
  @Column() unit: string;
  @Column() leadTimeDays: number;
  @Column({ type: 'text', nullable: true }) instrumentName: string | null;
  @Column({ type: 'text', nullable: true }) instrumentModel: string | null;
  @Column({ type: 'text', nullable: true }) description: string | null;
  /** The provider's region, denormalised for filtering. */
  @Column() regionCode: string;
  @Column({ type: 'text' }) status: CatalogServiceStatus;
  @Column() version: number;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) withdrawnAt: Date | null;
}

/**
 * 互认协议: an issuing region recognises listed providers (or some of their services) of a partner
 * region. One row is one VERSION; amendments are new rows of the same lineage (docs/security.md).
 */
@Entity('recognition_agreements')
export class RecognitionAgreement {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** The first version's id, shared by all versions of the agreement. */
  @Column({ type: 'uuid' }) lineageId: string;
  @Column() versionNo: number;
  /** The version this one amends (null for a first version). */
  @Column({ type: 'uuid', nullable: true }) supersedesId: string | null;
  @Column() issuingRegionCode: string;
  @Column() partnerRegionCode: string;
  @Column() name: string;
  /** Calendar days (Asia/Shanghai), 'YYYY-MM-DD'. */
  @Column({ type: 'date' }) effectiveFrom: string;
  @Column({ type: 'date', nullable: true }) effectiveTo: string | null;
  /** Basis points (1/100 of a percent); replaces the programme's ratio when set. */
  @Column({ type: 'integer', nullable: true }) ratioOverrideBp: number | null;
  @Column({ type: 'bigint', nullable: true, transformer: fenTransformer }) perOrderCapFen: number | null;
  @Column({ type: 'text' }) status: AgreementStatus;
  /** First day on which the agreement no longer applies. */
  @Column({ type: 'date', nullable: true }) terminatedOn: string | null;
  /** First day on which the next version applies instead. */
  @Column({ type: 'date', nullable: true }) supersededOn: string | null;
  /** Fingerprint of the exact terms both sides sign (SQL recognition_agreement_terms_hash). */
  @Column() termsHash: string;
  @Column({ type: 'timestamptz', nullable: true }) inForceSince: Date | null;
  /** In force before signatures were required (migrated as it stood). */
  @Column() migrated: boolean;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column() version: number;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
}

/** uploading → queued → validating → merging → completed; or rejected (a bad row, nothing merged) or failed. */
export type CatalogImportStatus = 'uploading' | 'queued' | 'validating' | 'merging' | 'completed' | 'rejected' | 'failed';

@Entity('catalog_imports')
export class CatalogImport {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() actorUserId: string;
  @Column() actorOrganizationId: string;
  @Column() actorRole: string;
  @Column() regionCode: string;
  @Column({ type: 'text' }) status: CatalogImportStatus;
  @Column({ type: 'text' }) format: 'csv' | 'xlsx';
  @Column({ type: 'text' }) invalidRows: 'reject' | 'skip';
  @Column() withdrawMissing: boolean;
  @Column() rowsTotal: number;
  @Column() rowsValid: number;
  @Column() rowsInvalid: number;
  @Column() rowsInserted: number;
  @Column() rowsUpdated: number;
  @Column() rowsUnchanged: number;
  @Column() rowsSkipped: number;
  @Column() rowsWithdrawn: number;
  /** The batched merge's cursor: staged rows up to this row number are merged (1: none yet). */
  @Column() mergedThrough: number;
  @Column() providersCreated: number;
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) bytes: number;
  @Column({ type: 'text', nullable: true }) errorMessage: string | null;
  @Column({ type: 'timestamptz' }) startedAt: Date;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) finishedAt: Date | null;
}

@Entity('catalog_import_errors')
export class CatalogImportError {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column() importId: string;
  @Column() rowNumber: number;
  @Column() field: string;
  @Column() message: string;
}
