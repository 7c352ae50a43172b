import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, registerDecorator, ValidateNested,
} from 'class-validator';
import { isIdCardNumber } from '../../../../../packages/shared/id-card';

/** How many members (besides the leader) a team lists: at registration and at any time after. */
export const TEAM_MEMBERS_MIN = 1;
export const TEAM_MEMBERS_MAX = 50;

/** 居民身份证号码 with its GB 11643-1999 check character. */
function IsIdCardNumber(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIdCardNumber',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isIdCardNumber(value),
        defaultMessage: () => `${String(propertyName)} must be an 18-character identity card number with a valid check character (GB 11643-1999)`,
      },
    });
}

export class NewInnovationTeamMemberDto {
  @ApiProperty({ example: '李娜' }) @IsString() @MinLength(1, { message: 'name is required' }) @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ example: '算法工程师', description: 'Role or title in the team' }) @IsOptional() @IsString() @MaxLength(100)
  title?: string;

  @ApiPropertyOptional({ example: '13800000000', description: 'Phone or e-mail' }) @IsOptional() @IsString() @MaxLength(100)
  contact?: string;
}

export class InnovationTeamLeaderDto {
  @ApiProperty({ example: '王强' }) @IsString() @MinLength(1, { message: 'name is required' }) @MaxLength(100)
  name: string;

  @ApiProperty({ example: '13800000000' }) @IsString() @Matches(/^[0-9+\- ]{5,20}$/, { message: 'phone must be 5-20 digits, spaces, + or -' })
  phone: string;

  @ApiPropertyOptional({ description: 'Optional; only a masked form (first 6, last 4) is kept, never the number' })
  @IsOptional() @IsIdCardNumber()
  idCardNumber?: string;
}

/** What an innovation team (创新团队) registers besides its name and region. */
export class NewInnovationTeamDto {
  @ApiProperty({ type: InnovationTeamLeaderDto })
  @IsDefined() @ValidateNested() @Type(() => InnovationTeamLeaderDto)
  leader: InnovationTeamLeaderDto;

  @ApiProperty({ type: [NewInnovationTeamMemberDto], minItems: TEAM_MEMBERS_MIN, maxItems: TEAM_MEMBERS_MAX })
  @IsArray() @ArrayMinSize(TEAM_MEMBERS_MIN, { message: `members must list ${TEAM_MEMBERS_MIN} to ${TEAM_MEMBERS_MAX} people` })
  @ArrayMaxSize(TEAM_MEMBERS_MAX, { message: `members must list ${TEAM_MEMBERS_MIN} to ${TEAM_MEMBERS_MAX} people` })
  @ValidateNested({ each: true }) @Type(() => NewInnovationTeamMemberDto)
  members: NewInnovationTeamMemberDto[];

  @ApiPropertyOptional({ description: 'An active enterprise or provider hosting the team (GET /host-organizations), e.g. a university incubator' })
  @IsOptional() @IsUUID()
  hostOrganizationId?: string;
}

export class InnovationTeamMemberDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty({ nullable: true, type: String }) contact: string | null;
  @ApiProperty({ description: 'The team leader: the registering user; not removable' }) isLeader: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Leader only, masked (330402********123X)' }) idCardMasked: string | null;
  @ApiProperty() createdAt: string;
}

export class HostOrganizationDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['enterprise', 'provider'] }) kind: string;
  @ApiProperty() regionCode: string;
}

export class InnovationTeamMembersDto {
  @ApiProperty() organizationId: string;
  @ApiProperty({ nullable: true, type: String }) hostOrganizationId: string | null;
  @ApiProperty({ nullable: true, type: HostOrganizationDto, description: 'The hosting organisation as the registration form showed it' }) host: HostOrganizationDto | null;
  @ApiProperty({ type: [InnovationTeamMemberDto], description: 'The leader first, then members in the order they joined' }) members: InnovationTeamMemberDto[];
}

export class HostOrganizationQueryDto {
  @ApiProperty({ description: 'Name contains (at least 2 characters)' }) @IsString() @MinLength(2) @MaxLength(100)
  q: string;
}
