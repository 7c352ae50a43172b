import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { SkipIdempotency } from '../../idempotency/skip-idempotency.decorator';
import { Public } from '../access.decorators';
import { TokenPairDto } from '../auth.dto';
import { SsoOptionsDto, SsoTicketDto } from './oidc.dto';
import { OidcService } from './oidc.service';

/** Single sign-on through OpenID Connect (docs/security.md, "Single sign-on"). */
@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  constructor(private readonly oidc: OidcService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Whether single sign-on is configured, and the provider’s name for the login button' })
  @ApiOkResponse({ type: SsoOptionsDto })
  options(): SsoOptionsDto {
    return this.oidc.options();
  }

  @Get('start')
  @Public()
  @ApiOperation({ summary: 'Start single sign-on: redirects (302) to the provider’s authorization page (code flow with PKCE, state and nonce)' })
  @ApiFoundResponse({ description: 'Location: the provider’s authorization URL' })
  async start(@Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, await this.oidc.start());
  }

  @Get('callback')
  @Public()
  @ApiOperation({
    summary: 'The provider’s redirect back: redirects (302) to /login#sso=<one-time ticket>, or /login#sso_error=<reason>',
    description:
      'Reasons: invalid_state (unknown, used or expired state), provider_error, email_unverified, no_account (ask your organisation admin for an invitation), account_disabled, already_linked.',
  })
  @ApiFoundResponse({ description: 'Location: the portal’s login page with the ticket or the reason in its fragment' })
  async callback(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const outcome = await this.oidc.callback(query);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.redirect(302, outcome.ok ? `/login#sso=${outcome.ticket}` : `/login#sso_error=${outcome.reason}`);
  }

  @Post('exchange')
  @Public()
  @SkipIdempotency()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange the callback’s one-time ticket (valid 60 s) for a token pair, as a password sign-in gives' })
  @ApiOkResponse({ type: TokenPairDto })
  exchange(@Body() dto: SsoTicketDto, @Req() req: Request): Promise<TokenPairDto> {
    return this.oidc.exchange(dto.ticket, req.header('user-agent'));
  }
}
