import { ApiProperty } from '@nestjs/swagger';

export class GroupUsageByEnterpriseDto {
  @ApiProperty() enterpriseId: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty({ description: 'Face value committed under this group, in fen' }) committedFen: number;
  @ApiProperty() vouchers: number;
  @ApiProperty({ description: 'Whether the enterprise is still a member (its past usage stays with the group either way)' }) currentMember: boolean;
}

export class GroupProgramUsageDto {
  @ApiProperty() programId: string;
  @ApiProperty() programName: string;
  @ApiProperty() year: number;
  @ApiProperty({ description: 'The programme’s annual cap per actual-controller group, in fen' }) capFen: number;
  @ApiProperty({ description: 'Committed under this group (the locked counter issuance checks), in fen' }) usedFen: number;
  @ApiProperty() remainingFen: number;
  @ApiProperty({ type: [GroupUsageByEnterpriseDto] }) byEnterprise: GroupUsageByEnterpriseDto[];
}

export class ControllerGroupUsageDto {
  @ApiProperty() groupId: string;
  @ApiProperty({ type: [GroupProgramUsageDto] }) programs: GroupProgramUsageDto[];
}
