import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsDefined, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf, ValidateNested,
} from 'class-validator';
import { NewInnovationTeamDto } from '../teams/dto/team.dto';
import { IsUscc } from './uscc.validator';

export const SELF_REGISTERING_KINDS = ['enterprise', 'provider', 'investor', 'team'] as const;
export type SelfRegisteringKind = (typeof SELF_REGISTERING_KINDS)[number];

export class PasswordField {
  @ApiProperty({ minLength: 10, description: 'At least 10 characters with a letter and a digit' })
  @IsString() @MinLength(10) @MaxLength(128)
  @Matches(/(?=.*[A-Za-z])(?=.*\d)/, { message: 'password must contain a letter and a digit' })
  password: string;
}

export class NewUserDto extends PasswordField {
  @ApiProperty({ example: 'zhang.wei@example.cn' })
  @IsEmail() @MaxLength(254)
  email: string;

  @ApiProperty({ example: '张伟' })
  @IsString() @MinLength(1) @MaxLength(100)
  displayName: string;
}

export class NewOrganizationDto {
  @ApiProperty({ example: '嘉兴禾源新材料科技有限公司' })
  @IsString() @MinLength(2) @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: '91330402MA2B3C4D5E', description: '统一社会信用代码 (GB 32100-2015): required for enterprises, providers and investors; absent for an innovation team' })
  @ValidateIf((o: NewOrganizationDto) => o.uscc !== undefined) @IsUscc()
  uscc?: string;

  @ApiProperty({ example: '330402', description: 'Region code (GET /api/v1/regions)' })
  @IsString() @Matches(/^\d{6}$/)
  regionCode: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100)
  contactName?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[0-9+\- ]{5,20}$/)
  contactPhone?: string;

  @ApiPropertyOptional({ enum: ['university', 'institute', 'third_party_lab'], description: 'Providers only' })
  @IsOptional() @IsIn(['university', 'institute', 'third_party_lab'])
  providerKind?: 'university' | 'institute' | 'third_party_lab';

  @ApiPropertyOptional({ enum: ['CMA', 'CNAS'], isArray: true, description: 'Providers only' })
  @IsOptional() @IsArray() @ArrayMaxSize(5) @IsIn(['CMA', 'CNAS'], { each: true })
  accreditations?: ('CMA' | 'CNAS')[];
}

export class RegisterDto {
  @ApiProperty({ enum: SELF_REGISTERING_KINDS })
  @IsIn(SELF_REGISTERING_KINDS)
  kind: SelfRegisteringKind;

  @ApiProperty({ type: NewOrganizationDto })
  @IsDefined() @ValidateNested() @Type(() => NewOrganizationDto)
  organization: NewOrganizationDto;

  @ApiProperty({ type: NewUserDto })
  @IsDefined() @ValidateNested() @Type(() => NewUserDto)
  user: NewUserDto;

  @ApiPropertyOptional({ type: NewInnovationTeamDto, description: 'Innovation teams (kind team) only: leader, members, host organisation' })
  @ValidateIf((o: RegisterDto) => o.kind === 'team' || o.team !== undefined) @IsDefined({ message: 'team is required for an innovation team' }) @ValidateNested() @Type(() => NewInnovationTeamDto)
  team?: NewInnovationTeamDto;
}

export class AcceptInvitationDto extends PasswordField {
  @ApiProperty({ description: 'The token from the invitation' })
  @IsString() @MinLength(20) @MaxLength(200)
  token: string;

  @ApiProperty({ example: '李娜' })
  @IsString() @MinLength(1) @MaxLength(100)
  displayName: string;
}
