import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { FindingReason } from '../../../packages/shared/finding-reasons';
import type { OrganizationKind } from '../../platform/context/actor';
import type { AdmissionStatus } from './organization.state';
import type { QualificationStatus } from './qualifications/qualification.state';

export const REGION_KINDS = ['province', 'municipality', 'city', 'district', 'county'] as const;
export type RegionKind = (typeof REGION_KINDS)[number];

@Entity('regions')
export class Region {
  @PrimaryColumn() code: string;
  @Column() name: string;
  @Column() nameEn: string;
  @Column({ type: 'text' }) kind: RegionKind;
  @Column({ type: 'text', nullable: true }) parentCode: string | null;
  @Column() isG60: boolean;
  @Column() isPartner: boolean;
  /** Its science bureau issues voucher programmes (docs/domain.md, "Regions"). */
  @Column() issuing: boolean;
  @Column() sortOrder: number;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('controller_groups')
export class ControllerGroup {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() name: string;
  /** 实际控制人 */
  @Column() controllerName: string;
  /** The bureau region that created it; null for groups from before bureaus owned them. */
  @Column({ type: 'text', nullable: true }) regionCode: string | null;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ type: 'timestamptz' }) createdAt: Date;
}

@Entity('organizations')
export class Organization {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) kind: OrganizationKind;
  @Column() name: string;
  /** 统一社会信用代码 */
  @Column({ type: 'char', length: 18, nullable: true }) uscc: string | null;
  @Column() regionCode: string;
  @Column({ type: 'text' }) status: 'active' | 'suspended' | 'closed';
  @Column({ type: 'text', nullable: true }) admissionStatus: AdmissionStatus | null;
  @Column({ type: 'text', nullable: true }) providerKind: 'university' | 'institute' | 'third_party_lab' | null;
  @Column({ type: 'text', array: true }) accreditations: string[];
  @Column({ type: 'text', nullable: true }) agencyLevel: 'district' | 'city' | 'partner' | 'platform' | 'roadshow' | null;
  @Column({ type: 'uuid', nullable: true }) controllerGroupId: string | null;
  /** Innovation teams only: the enterprise or provider hosting the team (e.g. a university incubator), or none. */
  @Column({ type: 'uuid', nullable: true }) hostOrganizationId: string | null;
  @Column({ type: 'timestamptz', nullable: true }) publicNoticeEndsAt: Date | null;
  @Column({ type: 'text', nullable: true }) contactName: string | null;
  @Column({ type: 'text', nullable: true }) contactPhone: string | null;
  @Column() version: number;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('enterprise_qualifications')
export class EnterpriseQualification {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() organizationId: string;
  /** A qualification_kinds code (reference data). */
  @Column({ type: 'text' }) kind: string;
  @Column() certificateNo: string;
  /** Calendar days (Asia/Shanghai), kept as 'YYYY-MM-DD'. */
  @Column({ type: 'date' }) validFrom: string;
  @Column({ type: 'date' }) validTo: string;
  /** 发证机关; null on rows declared before verification existed. */
  @Column({ type: 'text', nullable: true }) issuer: string | null;
  /** Only 'verified' counts for a tier (qualification.state.ts). */
  @Column({ type: 'text' }) status: QualificationStatus;
  @Column({ type: 'uuid', nullable: true }) declaredBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'text', nullable: true }) decisionReason: string | null;
  /** The reason as a code when the workflow wrote it (verified); null for a decider's own words. */
  @Column({ type: 'jsonb', nullable: true }) decisionReasonCode: FindingReason | null;
  @Column({ type: 'uuid', nullable: true }) revokedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @Column() version: number;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
}
