import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LifecycleTransitionDto {
  @ApiProperty({ description: 'The action (event) that moves the subject' }) action: string;
  @ApiProperty({ type: [String], description: 'States the action is allowed from' }) from: string[];
  @ApiProperty() to: string;
  @ApiProperty({ description: 'The domain event (audit action) the transition records' }) emits: string;
  @ApiPropertyOptional({ description: 'Name of the guard that must also hold' }) guard?: string;
  @ApiPropertyOptional() guardDescription?: string;
}

export class LifecycleDto {
  @ApiProperty({ example: 'voucher_application' }) key: string;
  @ApiProperty({ description: 'The module that owns it' }) module: string;
  @ApiProperty({ description: 'How refusals name the subject' }) subject: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [String] }) states: string[];
  @ApiProperty({ type: [String], description: 'Where a new subject starts' }) initial: string[];
  @ApiProperty({ type: [String], description: 'States no transition leaves' }) final: string[];
  @ApiProperty({ type: [LifecycleTransitionDto] }) transitions: LifecycleTransitionDto[];
}
