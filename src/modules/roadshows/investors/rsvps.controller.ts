import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../../platform/auth/access.decorators';
import { Actor, Role } from '../../../platform/context/actor';
import { ORGANISER_ROLES } from '../shared/session-organisers';
import { RsvpDto } from './dto/investor.dto';
import { RsvpsService } from './rsvps.service';

/** Investors' RSVPs (报名) and the waitlist, under the session's path. */
@ApiTags('roadshow sessions')
@Controller()
export class RsvpsController {
  constructor(private readonly rsvps: RsvpsService) {}

  @Post('roadshow-sessions/:id/rsvp')
  @Roles(Role.Investor)
  @ApiOperation({ summary: 'RSVP (报名): a seat while there is one, else the waitlist' })
  @ApiCreatedResponse({ type: RsvpDto })
  rsvp(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<RsvpDto> {
    return this.rsvps.rsvp(actor, id);
  }

  @Post('roadshow-sessions/:id/rsvp/cancel')
  @Roles(Role.Investor)
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel the RSVP; a freed seat goes to the head of the waitlist' })
  @ApiOkResponse({ type: RsvpDto })
  cancelRsvp(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<RsvpDto> {
    return this.rsvps.cancel(actor, id);
  }

  @Get('roadshow-sessions/:id/rsvp')
  @Roles(Role.Investor)
  @ApiOperation({ summary: 'My RSVP and waitlist position' })
  @ApiOkResponse({ type: RsvpDto })
  myRsvp(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<RsvpDto> {
    return this.rsvps.mine(actor, id);
  }

  @Get('roadshow-sessions/:id/rsvps')
  @Roles(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Every RSVP: confirmed, then the waitlist in order, then cancelled (the session’s organisers: the platform, the host and accepted co-host cities)' })
  @ApiOkResponse({ type: [RsvpDto] })
  listRsvps(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<RsvpDto[]> {
    return this.rsvps.list(actor, id);
  }
}
