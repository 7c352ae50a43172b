import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Req, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import type { Request } from 'express';
import { Actor, Role } from '../context/actor';
import { SkipIdempotency } from '../idempotency/skip-idempotency.decorator';
import { Authenticated, CurrentActor, Public, Roles } from './access.decorators';
import { LoginThrottleGuard } from './login-throttle.guard';
import { ChangePasswordDto, CompletePasswordResetDto, ForgotPasswordDto, LoginDto, MeDto, MePreferencesAnswerDto, MePreferencesDto, PasswordResetIssuedDto, RefreshDto, TokenPairDto } from './auth.dto';
import { AuthService } from './auth.service';
import { PasswordService } from './password.service';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly passwords: PasswordService,
  ) {}

  @Post('auth/login')
  @Public()
  @SkipIdempotency()
  @UseGuards(LoginThrottleGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with e-mail and password (rate limited per account and per client address, across all API processes)' })
  @ApiOkResponse({ type: TokenPairDto })
  login(@Body() dto: LoginDto, @Req() req: Request): Promise<TokenPairDto> {
    return this.auth.login(dto.email, dto.password, req.header('user-agent'));
  }

  @Post('auth/refresh')
  @Public()
  @SkipIdempotency()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair; presenting any already-used refresh token revokes every token of that sign-in' })
  @ApiOkResponse({ type: TokenPairDto })
  refresh(@Body() dto: RefreshDto): Promise<TokenPairDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('auth/logout')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({ summary: 'End this session: its access and refresh tokens stop working at once' })
  async logout(@CurrentActor() actor: Actor): Promise<void> {
    await this.auth.logout(actor);
  }

  @Post('auth/password')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({ summary: 'Change my password (current + new); my other sessions end' })
  @ApiNoContentResponse()
  async changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.passwords.change(actor, dto.currentPassword, dto.newPassword);
  }

  @Post('auth/password/forgot')
  @Public()
  @SkipIdempotency()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Forgot my password: e-mails a one-time reset link to the address if it has an account',
    description: 'Always 202, whether or not the address has an account (no account enumeration); 429 with Retry-After when one client asks too often.',
  })
  @ApiAcceptedResponse()
  async forgotPassword(@Body() dto: ForgotPasswordDto, @Req() req: Request): Promise<void> {
    await this.passwords.forgot(dto.email, req.ip ?? 'unknown');
  }

  @Post('auth/password/reset')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password with a one-time reset token (from the e-mailed link, or handed over by a platform admin)' })
  @ApiNoContentResponse()
  async completePasswordReset(@Body() dto: CompletePasswordResetDto, @Req() req: Request): Promise<void> {
    await this.passwords.completeReset(dto.token, dto.newPassword, req.ip ?? 'unknown');
  }

  @Post('admin/users/:id/password-reset')
  @Roles(Role.PlatformAdmin)
  // The answer carries a one-time secret: it is never stored for replay (a retry issues a fresh token and voids this one).
  @SkipIdempotency()
  @ApiOperation({ summary: 'Force a password reset: every session of the user ends; returns a one-time token to hand over out of band' })
  @ApiCreatedResponse({ type: PasswordResetIssuedDto })
  forcePasswordReset(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PasswordResetIssuedDto> {
    return this.passwords.forceReset(actor, id);
  }

  @Put('me/preferences')
  @Authenticated()
  @ApiOperation({
    summary: 'Set my portal preferences, kept for my next sign-in on any device',
    description: 'Names one or both: `locale` (简体中文 zh-CN, 繁體中文 zh-Hant, English en) and `elderMode` (适老化). The other is kept.',
  })
  @ApiOkResponse({ type: MePreferencesAnswerDto })
  setPreferences(@CurrentActor() actor: Actor, @Body() body: MePreferencesDto): Promise<MePreferencesAnswerDto> {
    return this.auth.setPreferences(actor, body);
  }

  @Get('me')
  @Authenticated()
  @ApiOperation({ summary: 'The signed-in user, organisation and region scope' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentActor() actor: Actor): Promise<MeDto> {
    return this.auth.me(actor);
  }
}
