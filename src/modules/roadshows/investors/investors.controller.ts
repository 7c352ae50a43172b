import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../../platform/auth/access.decorators';
import { Actor, Role } from '../../../platform/context/actor';
import { InterestDto, InterestTransitionDto, InvestorProfileDto, RecommendationDto, UpsertInvestorProfileDto } from './dto/investor.dto';
import { AgendaCollectionDto } from '../sessions/dto/scheduling.dto';
import { AgendaExportsService } from '../sessions/agenda-exports.service';
import { InterestsService } from './interests.service';
import { InvestorsService } from './investors.service';

@ApiTags('roadshow investors')
@Controller()
export class InvestorsController {
  constructor(
    private readonly investors: InvestorsService,
    private readonly interests: InterestsService,
    private readonly exports: AgendaExportsService,
  ) {}

  @Get('investor-profile')
  @Roles(Role.Investor)
  @ApiOperation({ summary: 'The organisation’s investor profile and the projects I follow' })
  @ApiOkResponse({ type: InvestorProfileDto })
  profile(@CurrentActor() actor: Actor): Promise<InvestorProfileDto> {
    return this.investors.profile(actor);
  }

  @Post('investor-profile')
  @Roles(Role.Investor)
  @HttpCode(200)
  @ApiOperation({ summary: 'Set focus industries, stages and ticket size (fields left out keep their value)' })
  @ApiOkResponse({ type: InvestorProfileDto })
  upsertProfile(@CurrentActor() actor: Actor, @Body() dto: UpsertInvestorProfileDto): Promise<InvestorProfileDto> {
    return this.investors.upsertProfile(actor, dto);
  }

  @Get('investor-recommendations')
  @Roles(Role.Investor)
  @ApiOperation({ summary: 'Screened projects that fit the profile, best first, with reasons' })
  @ApiOkResponse({ type: [RecommendationDto] })
  recommendations(@CurrentActor() actor: Actor): Promise<RecommendationDto[]> {
    return this.investors.recommendations(actor);
  }

  @Get('investor-interests')
  @Roles(Role.Investor)
  @ApiOperation({ summary: 'The organisation’s interest pipeline' })
  @ApiOkResponse({ type: [InterestDto] })
  myInterests(@CurrentActor() actor: Actor): Promise<InterestDto[]> {
    return this.interests.mine(actor);
  }

  @Post('roadshow-interests/:id/transitions')
  @Roles(Role.Investor)
  @HttpCode(200)
  @ApiOperation({ summary: 'Move an interest: meet → start_due_diligence → offer_term_sheet → invest, or drop (illegal → 409)' })
  @ApiOkResponse({ type: InterestDto })
  transition(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: InterestTransitionDto): Promise<InterestDto> {
    return this.interests.transition(actor, id, dto);
  }

  @Get('investor-agenda')
  @Roles(Role.Investor)
  @ApiOperation({ summary: 'My agenda: published sessions where I hold a seat, as JSON' })
  @ApiOkResponse({ type: AgendaCollectionDto })
  agenda(@CurrentActor() actor: Actor): Promise<AgendaCollectionDto> {
    return this.exports.investor(actor);
  }

  @Get('investor-agenda.ics')
  @Roles(Role.Investor)
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="investor-agenda.ics"')
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: 'My agenda as iCalendar (RFC 5545)' })
  @ApiOkResponse({ description: 'text/calendar', schema: { type: 'string' } })
  async agendaIcal(@CurrentActor() actor: Actor): Promise<string> {
    return this.exports.toIcal(await this.exports.investor(actor), '我的路演日程');
  }
}
