import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsFen } from '../../../../platform/validation/validation';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The terms of a draft, replaced as a whole (an omitted optional field is cleared). Regions never change. */
export class UpdateRecognitionAgreementDto {
  @ApiProperty({ example: '嘉兴—上海创新券互认互通协议（2026）' }) @IsString() @MinLength(2) @MaxLength(200)
  name: string;

  @ApiProperty({ example: '2026-01-01', description: 'First day in force (Asia/Shanghai calendar day)' })
  @IsDateString({ strict: true }) @Matches(DATE)
  effectiveFrom: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last day in force; omit for open-ended' })
  @IsOptional() @IsDateString({ strict: true }) @Matches(DATE)
  effectiveTo?: string;

  @ApiPropertyOptional({ description: 'Replaces the programme’s subsidy ratio, in basis points (5000 = 50%)', minimum: 0, maximum: 10000 })
  @IsOptional() @IsInt() @Min(0) @Max(10000)
  ratioOverrideBp?: number;

  @IsOptional() @IsFen({ min: 1, required: false, description: 'Extra cap on the subsidy of one order, in fen' })
  perOrderCapFen?: number;
}

/** A proposal: the two regions and the terms (which either side may edit while it is a draft). */
export class CreateRecognitionAgreementDto extends UpdateRecognitionAgreementDto {
  @ApiProperty({ example: '330400', description: 'The city whose vouchers pay (a top-level region)' }) @Matches(/^\d{6}$/)
  issuingRegionCode: string;

  @ApiProperty({ example: '310000', description: 'The region whose providers are recognised' }) @Matches(/^\d{6}$/)
  partnerRegionCode: string;
}

export class SignAgreementDto {
  @ApiProperty({ description: 'The termsHash of the version as the signer read it; a signature binds exactly these terms', example: 'e3b0c442…' })
  @IsString() @Matches(/^[0-9a-f]{64}$/, { message: 'termsHash must be the 64 hex digits of the version read' })
  termsHash: string;
}

export class AmendAgreementDto {
  @ApiProperty({ example: '2026-07-01', description: 'First day of the new version (not before today, Asia/Shanghai); the current version ends the day before once the new one is signed by both sides' })
  @IsDateString({ strict: true }) @Matches(DATE)
  effectiveFrom: string;
}

export class AddAgreementProvidersDto {
  @ApiProperty({ type: [String], description: 'Providers of the partner region' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @IsUUID('all', { each: true })
  providerIds: string[];
}

export class AddAgreementServicesDto {
  @ApiProperty({ type: [String], description: 'Services of partner-region providers; their providers are listed too. A provider with listed services is recognised for those only' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(5000) @IsUUID('all', { each: true })
  serviceIds: string[];
}

export class TerminateAgreementDto {
  @ApiPropertyOptional({ description: 'Reason, kept in the audit trail' }) @IsOptional() @IsString() @MaxLength(1000)
  reason?: string;
}

export class AgreementProviderDto {
  @ApiProperty() providerId: string;
  @ApiProperty() name: string;
  @ApiProperty() regionCode: string;
  @ApiProperty({ type: [String], description: 'Empty: every service of the provider is recognised' }) serviceIds: string[];
}

export class RecognitionAgreementDto {
  @ApiProperty() id: string;
  @ApiProperty() issuingRegionCode: string;
  @ApiProperty() partnerRegionCode: string;
  @ApiProperty() name: string;
  @ApiProperty() effectiveFrom: string;
  @ApiProperty({ nullable: true, type: String }) effectiveTo: string | null;
  @ApiProperty({ nullable: true, type: 'integer' }) ratioOverrideBp: number | null;
  @ApiProperty({ nullable: true, type: 'integer', description: 'fen' }) perOrderCapFen: number | null;
  @ApiProperty({ enum: ['draft', 'partially_signed', 'in_force', 'superseded', 'terminated', 'withdrawn'] }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'First day no longer in force' }) terminatedOn: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'First day on which the next version applies instead' }) supersededOn: string | null;
  @ApiProperty({ description: 'In force on today’s Asia/Shanghai date' }) inForceToday: boolean;
  @ApiProperty({ description: 'Shared by every version of the agreement (the first version’s id)' }) lineageId: string;
  @ApiProperty({ description: '1 for the original, then one more per amendment' }) versionNo: number;
  @ApiProperty({ nullable: true, type: String, description: 'The version this one amends' }) supersedesId: string | null;
  @ApiProperty({ description: 'Fingerprint of the exact terms; a signature names the hash it signed' }) termsHash: string;
  @ApiProperty({ nullable: true, type: String, description: 'When the second signature brought it into force' }) inForceSince: string | null;
  @ApiProperty({ description: 'In force before signatures were required (carried over by the migration)' }) migrated: boolean;
  @ApiProperty() providerCount: number;
  @ApiProperty() serviceCount: number;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
}

export class AgreementSignatureDto {
  @ApiProperty({ enum: ['issuing', 'partner'] }) side: string;
  @ApiProperty() regionCode: string;
  @ApiProperty() signedBy: string;
  @ApiProperty() signerName: string;
  @ApiProperty() signerRole: string;
  @ApiProperty() termsHash: string;
  @ApiProperty() signedAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'Set when the terms changed after this signature' }) voidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) voidReason: string | null;
}

export class AgreementVersionDto {
  @ApiProperty() id: string;
  @ApiProperty() versionNo: number;
  @ApiProperty() status: string;
  @ApiProperty() effectiveFrom: string;
  @ApiProperty({ nullable: true, type: String }) effectiveTo: string | null;
  @ApiProperty({ nullable: true, type: String }) supersededOn: string | null;
  @ApiProperty({ nullable: true, type: String }) terminatedOn: string | null;
}

export class RecognitionAgreementDetailDto extends RecognitionAgreementDto {
  @ApiProperty({ type: [AgreementProviderDto] }) providers: AgreementProviderDto[];
  @ApiProperty({ type: [AgreementSignatureDto], description: 'Every signature of this version, voided ones included' }) signatures: AgreementSignatureDto[];
  @ApiProperty({ type: [AgreementVersionDto], description: 'Every version of the agreement, oldest first' }) versions: AgreementVersionDto[];
  @ApiProperty({ nullable: true, enum: ['issuing', 'partner'], description: 'The side the reader signs for, if any' }) mySide: string | null;
}
