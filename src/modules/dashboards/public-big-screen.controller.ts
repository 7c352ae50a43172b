import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../../platform/auth/access.decorators';
import { AppConfig } from '../../platform/config/app-config';
import { RateLimiter } from '../../platform/throttle/rate-limiter';
import { BigScreenService } from './big-screen.service';
import { BigScreenDto } from './dto/map-layers.dto';

/** The public big screen (大屏): open without signing in, so each client address is rate limited across all API processes. */
@ApiTags('public')
@Controller('public')
export class PublicBigScreenController {
  constructor(
    private readonly screen: BigScreenService,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
  ) {}

  @Get('big-screen')
  @Public()
  @ApiOperation({ summary: 'Public aggregate figures per place (providers, services, roadshow projects, landings, cross-region voucher orders); no names, no personal data; recomputed at most every BIG_SCREEN_CACHE_SECONDS' })
  @ApiOkResponse({ type: BigScreenDto })
  @ApiTooManyRequestsResponse({ description: 'More than BIG_SCREEN_RATE_LIMIT_PER_MINUTE requests from one client address in a minute; Retry-After says when to come back' })
  async bigScreen(@Req() req: Request): Promise<BigScreenDto> {
    await this.limiter.consume(`big-screen:ip:${req.ip ?? 'unknown'}`, this.config.BIG_SCREEN_RATE_LIMIT_PER_MINUTE, 60);
    return this.screen.current();
  }
}
