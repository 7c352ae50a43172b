import { ApiProperty } from '@nestjs/swagger';

export class CalendarFeedDto {
  @ApiProperty({ description: 'Whether I have a feed address (rotate to get one)' }) active: boolean;
  @ApiProperty({ nullable: true, type: String }) rotatedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When a calendar last read the feed' }) lastReadAt: string | null;
}

export class CalendarFeedAddressDto {
  @ApiProperty({ description: 'The feed’s secret path below the portal’s address, shown this once: /api/v1/calendar/<secret>.ics' }) path: string;
  @ApiProperty() rotatedAt: string;
}
