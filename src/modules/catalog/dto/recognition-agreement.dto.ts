import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsFen } from '../../../platform/validation/validation';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateRecognitionAgreementDto {
  @ApiProperty({ example: '330400', description: 'The city whose vouchers pay (a top-level region)' }) @Matches(/^\d{6}$/)
  issuingRegionCode: string;

  @ApiProperty({ example: '310000', description: 'The region whose providers are recognised' }) @Matches(/^\d{6}$/)
  partnerRegionCode: string;

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
  @ApiProperty({ enum: ['active', 'terminated'] }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'First day no longer in force' }) terminatedOn: string | null;
  @ApiProperty({ description: 'In force on today’s Asia/Shanghai date' }) inForceToday: boolean;
  @ApiProperty() providerCount: number;
  @ApiProperty() serviceCount: number;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
}

export class RecognitionAgreementDetailDto extends RecognitionAgreementDto {
  @ApiProperty({ type: [AgreementProviderDto] }) providers: AgreementProviderDto[];
}
