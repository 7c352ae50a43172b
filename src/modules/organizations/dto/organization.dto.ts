import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FindingReasonDto } from '../../approvals/dto/approval.dto';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { Role } from '../../../platform/context/actor';
import { AdmissionAction, MANUAL_ADMISSION_ACTIONS } from '../organization.state';
import { QUALIFICATION_STATUSES, QualificationStatus } from '../qualifications/qualification.state';

export const ORGANIZATION_KINDS = ['enterprise', 'provider', 'investor', 'agency', 'team'];

export { RegionDto } from './region.dto';

export class QualificationCertificateDto {
  @ApiProperty() fileName: string;
  @ApiProperty({ enum: ['application/pdf', 'image/png', 'image/jpeg'] }) contentType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() sha256: string;
}

export class QualificationDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'The enterprise holding it' }) organizationId: string;
  @ApiProperty({ description: 'Qualification kind code (GET /qualification-kinds)' }) kind: string;
  @ApiProperty() certificateNo: string;
  @ApiProperty({ example: '2026-01-01' }) validFrom: string;
  @ApiProperty({ example: '2028-12-31' }) validTo: string;
  @ApiProperty({ nullable: true, type: String, description: '发证机关; null on declarations made before verification existed' }) issuer: string | null;
  @ApiProperty({ enum: QUALIFICATION_STATUSES, description: 'Only verified qualifications valid on the day count for a tier' }) status: QualificationStatus;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The bureau’s reason for a rejection, return or revocation' }) decisionReason: string | null;
  @ApiProperty({ nullable: true, type: () => FindingReasonDto, description: 'The reason as a code when the workflow wrote it (verified); null for a decider’s own words' })
  decisionReasonCode: FindingReasonDto | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ nullable: true, type: QualificationCertificateDto }) certificate: QualificationCertificateDto | null;
  @ApiProperty() version: number;
}

export class OrganizationDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ORGANIZATION_KINDS, description: 'team: an innovation team or individual founder (创新团队), which applies like an enterprise' }) kind: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) uscc: string | null;
  @ApiProperty() regionCode: string;
  @ApiProperty() status: string;
  @ApiProperty({ nullable: true, type: String }) admissionStatus: string | null;
  @ApiProperty({ nullable: true, enum: ['university', 'institute', 'third_party_lab'] }) providerKind: 'university' | 'institute' | 'third_party_lab' | null;
  @ApiProperty({ enum: ['CMA', 'CNAS'], isArray: true }) accreditations: string[];
  @ApiProperty({ nullable: true, type: String }) agencyLevel: string | null;
  @ApiProperty({ nullable: true, type: String }) controllerGroupId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Innovation teams only: the hosting enterprise or provider' }) hostOrganizationId: string | null;
  @ApiProperty({ nullable: true, type: String }) publicNoticeEndsAt: string | null;
  @ApiProperty({ type: [QualificationDto] }) qualifications: QualificationDto[];
  @ApiProperty({ description: 'Optimistic-lock version; send it back as expectedVersion' }) version: number;
  @ApiProperty() createdAt: string;
}

export class RegisteredUserDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty() isOrgAdmin: boolean;
}

export class RegistrationResultDto {
  @ApiProperty({ type: OrganizationDto }) organization: OrganizationDto;
  @ApiProperty({ type: RegisteredUserDto }) user: RegisteredUserDto;
}

export class OrganizationQueryDto {
  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS })
  @IsOptional() @IsIn(ORGANIZATION_KINDS)
  kind?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{6}$/)
  regionCode?: string;

  @ApiPropertyOptional({ enum: ['applied', 'in_review', 'public_notice', 'active', 'suspended', 'revoked', 'rejected', 'withdrawn'] })
  @IsOptional() @IsIn(['applied', 'in_review', 'public_notice', 'active', 'suspended', 'revoked', 'rejected', 'withdrawn'])
  admissionStatus?: string;

  @ApiPropertyOptional({ description: 'Name contains' }) @IsOptional() @IsString() @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number;
}

/** The text fields of a declaration (multipart/form-data, next to the certificate file). */
export class DeclareQualificationDto {
  @ApiProperty({ description: 'A qualification kind code (GET /qualification-kinds): tech_sme, high_tech, specialised_sme, little_giant, …' })
  @Matches(/^[a-z][a-z0-9_]{1,39}$/, { message: 'kind must be a qualification kind code' })
  kind: string;

  @ApiProperty() @IsString() @MinLength(3) @MaxLength(64)
  certificateNo: string;

  @ApiProperty({ description: '发证机关, e.g. 浙江省科学技术厅' }) @IsString() @MinLength(2) @MaxLength(100)
  issuer: string;

  @ApiProperty({ example: '2026-01-01' }) @IsDateString({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/)
  validFrom: string;

  @ApiProperty({ example: '2028-12-31' }) @IsDateString({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/)
  validTo: string;
}

export class AdmissionTransitionDto {
  @ApiProperty({ enum: MANUAL_ADMISSION_ACTIONS, description: 'Admission itself runs through the provider_admission workflow' })
  @IsIn(MANUAL_ADMISSION_ACTIONS)
  action: AdmissionAction;

  @ApiPropertyOptional({ description: 'Reason, shown in the audit trail' }) @IsOptional() @IsString() @MaxLength(1000)
  comment?: string;

  @ApiPropertyOptional({ description: 'Optimistic lock: the version you saw' }) @IsOptional() @IsInt() @Min(1)
  expectedVersion?: number;
}

export class CreateInvitationDto {
  @ApiProperty() @IsString() @MaxLength(254) @Matches(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, { message: 'email must be an e-mail address' })
  email: string;

  @ApiPropertyOptional({ enum: Role, description: 'Defaults to the organisation kind’s user role' })
  @IsOptional() @IsIn(Object.values(Role))
  role?: Role;

  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean()
  isOrgAdmin?: boolean;
}

export class InvitationDto {
  @ApiProperty() id: string;
  @ApiProperty() organizationId: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ description: 'Give this to the invitee; it is shown only once' }) token: string;
}

export class CreateAgencyDto {
  @ApiProperty({ example: '南湖区科学技术局' }) @IsString() @MinLength(2) @MaxLength(200)
  name: string;

  @ApiProperty({ example: '330402' }) @Matches(/^\d{6}$/)
  regionCode: string;

  @ApiProperty({ enum: ['district', 'city', 'partner', 'platform', 'roadshow'], description: 'roadshow: a G60 city’s roadshow organiser organisation (its region is the city)' })
  @IsIn(['district', 'city', 'partner', 'platform', 'roadshow'])
  agencyLevel: 'district' | 'city' | 'partner' | 'platform' | 'roadshow';
}


export class UpdateProfileDto {
  @ApiPropertyOptional({ description: 'Only before admission, or for enterprises' }) @IsOptional() @IsString() @MinLength(2) @MaxLength(200)
  name?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100)
  contactName?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[0-9+\- ]{5,20}$/)
  contactPhone?: string;

  @ApiPropertyOptional({ enum: ['university', 'institute', 'third_party_lab'] })
  @IsOptional() @IsIn(['university', 'institute', 'third_party_lab'])
  providerKind?: 'university' | 'institute' | 'third_party_lab';

  @ApiPropertyOptional({ enum: ['CMA', 'CNAS'], isArray: true })
  @IsOptional() @IsArray() @ArrayMaxSize(5) @IsIn(['CMA', 'CNAS'], { each: true })
  accreditations?: ('CMA' | 'CNAS')[];
}

export class RevokeQualificationDto {
  @ApiProperty({ description: 'Why the bureau revokes a verified qualification (shown to the enterprise, kept in the audit trail)' })
  @IsString() @MinLength(2) @MaxLength(500)
  reason: string;
}

export class QualificationKindDto {
  @ApiProperty({ example: 'little_giant' }) code: string;
  @ApiProperty({ example: '科技小巨人企业' }) nameZh: string;
  @ApiProperty({ example: 'Tech little giant' }) nameEn: string;
}
