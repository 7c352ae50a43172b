import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export class SsoOptionsDto {
  @ApiProperty({ description: 'Whether single sign-on is configured (OIDC_ISSUER …)' }) enabled: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'The provider’s name for the login button (OIDC_DISPLAY_NAME)' }) displayName: string | null;
}

export class SsoTicketDto {
  @ApiProperty({ description: 'The one-time ticket the callback put in the portal’s /login#sso=… address' })
  @IsString() @Matches(/^[A-Za-z0-9_-]{20,100}$/, { message: 'ticket must be the value the sign-in callback handed over' })
  ticket: string;
}
