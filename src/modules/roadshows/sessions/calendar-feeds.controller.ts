import { Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor, Public } from '../../../platform/auth/access.decorators';
import { Actor } from '../../../platform/context/actor';
import { SkipIdempotency } from '../../../platform/idempotency/skip-idempotency.decorator';
import { CalendarFeedsService } from './calendar-feeds.service';
import { CalendarFeedAddressDto, CalendarFeedDto } from './dto/calendar-feed.dto';

/** My roadshow agenda as a calendar subscription (docs/security.md, "Calendar feeds"). */
@ApiTags('roadshows')
@Controller()
export class CalendarFeedsController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @Get('me/calendar-feed')
  @Authenticated()
  @ApiOperation({ summary: 'Whether I have a calendar-feed address, when it was made and last read' })
  @ApiOkResponse({ type: CalendarFeedDto })
  status(@CurrentActor() actor: Actor): Promise<CalendarFeedDto> {
    return this.feeds.status(actor);
  }

  @Post('me/calendar-feed/rotate')
  @Authenticated()
  // The answer is the secret address, shown once: never stored for replay (a retry makes another and kills this one).
  @SkipIdempotency()
  @HttpCode(201)
  @ApiOperation({ summary: 'Make a new secret calendar-feed address (shown once); the previous address stops working at once' })
  @ApiCreatedResponse({ type: CalendarFeedAddressDto })
  rotate(@CurrentActor() actor: Actor): Promise<CalendarFeedAddressDto> {
    return this.feeds.rotate(actor);
  }

  @Get('calendar/:file')
  // The secret in the address is the credential: calendar apps cannot sign in.
  @Public()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, no-cache')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: 'My roadshow agenda as iCalendar, at the secret address: sessions I hold a seat at or organise, my organisation’s pitches' })
  @ApiOkResponse({ description: 'text/calendar', schema: { type: 'string' } })
  feed(@Param('file') file: string): Promise<string> {
    return this.feeds.feed(file);
  }
}
