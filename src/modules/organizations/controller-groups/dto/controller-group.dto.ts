import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FindingReasonDto } from '../../../approvals/dto/approval.dto';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { ChangeRequestAction } from '../controller-group-change.entity';
import { ChangeRequestStatus } from '../controller-group-change.state';

const ACTIONS: ChangeRequestAction[] = ['join', 'leave', 'create'];
const STATUSES: ChangeRequestStatus[] = ['submitted', 'in_review', 'returned', 'approved', 'rejected', 'withdrawn'];

export class CreateControllerGroupDto {
  @ApiProperty({ example: '禾源控股集团' }) @IsString() @MinLength(2) @MaxLength(200)
  name: string;

  @ApiProperty({ example: '王建国', description: '实际控制人' }) @IsString() @MinLength(2) @MaxLength(100)
  controllerName: string;
}

export class LinkControllerGroupDto {
  @ApiProperty({ nullable: true, type: String, description: 'The group, or null to unlink (the key is required)' })
  @ValidateIf((_o, value) => value !== null) @IsUUID()
  controllerGroupId: string | null;
}

export class ControllerGroupDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: '实际控制人' }) controllerName: string;
  @ApiProperty({ nullable: true, type: String, description: 'The bureau region that created it (null: created before bureaus owned groups)' }) regionCode: string | null;
  @ApiProperty({ description: 'Members the caller can see' }) memberCount: number;
  @ApiProperty() createdAt: string;
}

export class ControllerGroupMemberDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['enterprise', 'provider'] }) kind: string;
  @ApiProperty({ nullable: true, type: String }) uscc: string | null;
  @ApiProperty() regionCode: string;
}

export class ControllerGroupDetailDto extends ControllerGroupDto {
  @ApiProperty({ type: [ControllerGroupMemberDto], description: 'Members inside the caller’s region scope' }) members: ControllerGroupMemberDto[];
  @ApiProperty({ description: 'Members outside the caller’s region scope (counted, not shown)' }) membersOutsideScope: number;
}

export class CreateChangeRequestDto {
  @ApiProperty({ enum: ACTIONS, description: 'join an existing group, leave the current one, or declare a new group' }) @IsIn(ACTIONS)
  action: ChangeRequestAction;

  @ApiPropertyOptional({ description: 'join: the group to join (as given by the bureau)' })
  @ValidateIf((o: CreateChangeRequestDto) => o.action === 'join') @IsUUID()
  controllerGroupId?: string;

  @ApiPropertyOptional({ example: '禾源控股集团', description: 'create: the new group’s name' })
  @ValidateIf((o: CreateChangeRequestDto) => o.action === 'create') @IsString() @MinLength(2) @MaxLength(200)
  newGroupName?: string;

  @ApiPropertyOptional({ example: '王建国', description: 'create: the actual controller (实际控制人)' })
  @ValidateIf((o: CreateChangeRequestDto) => o.action === 'create') @IsString() @MinLength(2) @MaxLength(100)
  newControllerName?: string;

  @ApiProperty({ description: 'The enterprise’s statement of who controls it (情况说明)', minLength: 10, maxLength: 4000 })
  @IsString() @MinLength(10) @MaxLength(4000)
  statement: string;

  @ApiProperty({ type: [String], description: 'References of the supporting documents (business registration extract, shareholder register, …), 1 to 10' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @IsString({ each: true }) @MinLength(2, { each: true }) @MaxLength(200, { each: true })
  documentRefs: string[];
}

export class ChangeRequestQueryDto {
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES)
  status?: ChangeRequestStatus;
}

export class ChangeRequestDto {
  @ApiProperty() id: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty({ enum: ACTIONS }) action: ChangeRequestAction;
  @ApiProperty({ nullable: true, type: String }) fromGroupId: string | null;
  @ApiProperty({ nullable: true, type: String }) targetGroupId: string | null;
  @ApiProperty({ nullable: true, type: String }) newGroupName: string | null;
  @ApiProperty({ nullable: true, type: String }) newControllerName: string | null;
  @ApiProperty() statement: string;
  @ApiProperty({ type: [String] }) documentRefs: string[];
  @ApiProperty({ enum: STATUSES }) status: ChangeRequestStatus;
  @ApiProperty({ nullable: true, type: String }) decisionReason: string | null;
  @ApiProperty({ nullable: true, type: () => FindingReasonDto, description: 'The reason as a code when the workflow wrote it (withdrawn by the applicant); null for a decider’s own words' })
  decisionReasonCode: FindingReasonDto | null;
  @ApiProperty({ nullable: true, type: String }) resultingGroupId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Names of the groups above, for display' }) fromGroupName: string | null;
  @ApiProperty({ nullable: true, type: String }) targetGroupName: string | null;
  @ApiProperty({ nullable: true, type: String }) resultingGroupName: string | null;
  @ApiProperty({ nullable: true, type: String }) caseId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
}
