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
  @ApiProperty({ nullable: true, type: String, description: "The programme's English name, if its bureau gave one" }) programNameEn: string | null;
  @ApiProperty() year: number;
  @ApiProperty({ nullable: true, type: Number, description: 'The annual cap per actual-controller group of the version in effect today, in fen; null: no group cap' }) capFen: number | null;
  @ApiProperty({ description: 'Committed under this group (the locked counter issuance checks), in fen' }) usedFen: number;
  @ApiProperty({ nullable: true, type: Number, description: 'null: no group cap' }) remainingFen: number | null;
  @ApiProperty({ type: [GroupUsageByEnterpriseDto] }) byEnterprise: GroupUsageByEnterpriseDto[];
}

export class ControllerGroupUsageDto {
  @ApiProperty() groupId: string;
  @ApiProperty({ type: [GroupProgramUsageDto] }) programs: GroupProgramUsageDto[];
}
