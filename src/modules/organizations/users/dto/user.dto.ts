import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Role } from '../../../../platform/context/actor';

export class OrganizationUserQueryDto {
  @ApiPropertyOptional({ enum: Role }) @IsOptional() @IsIn(Object.values(Role))
  role?: Role;

  @ApiPropertyOptional({ description: 'E-mail, display name or organisation name contains' }) @IsOptional() @IsString() @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100_000)
  page?: number;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  pageSize?: number;
}

export class UserQueryDto extends OrganizationUserQueryDto {
  @ApiPropertyOptional({ example: '330400', description: 'Users of organisations in this region or any region under it' }) @IsOptional() @Matches(/^\d{6}$/, { message: 'regionCode must be a 6-digit region code' })
  regionCode?: string;
}

export class UserSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: Role }) role: string;
  @ApiProperty() isOrgAdmin: boolean;
  @ApiProperty({ enum: ['active', 'disabled'] }) status: string;
  @ApiProperty({ description: 'A platform admin forced a password reset; sign-in is refused until the user sets a new password with the reset token' }) credentialResetPending: boolean;
  @ApiProperty() organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ description: 'The organisation’s region' }) regionCode: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'When the user last signed in (started a session); null if never' }) lastLoginAt: string | null;
}

export class UserPageDto {
  @ApiProperty({ type: [UserSummaryDto] }) items: UserSummaryDto[];
  @ApiProperty({ description: 'Matching users on all pages' }) total: number;
}
