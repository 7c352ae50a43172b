import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../../platform/auth/access.decorators';
import { Actor, Role } from '../../../platform/context/actor';
import { PROJECT_READERS } from '../shared/roadshow.constants';
import { OutcomeDto, RecordOutcomeDto, StatsDto, StatsQueryDto } from './dto/outcome.dto';
import { OutcomesService } from './outcomes.service';

/** A project's outcome, under the project's path. */
@ApiTags('roadshow projects')
@Controller('roadshow-projects')
export class ProjectOutcomesController {
  constructor(private readonly outcomes: OutcomesService) {}

  @Post(':id/outcome')
  @Roles(Role.PlatformAdmin, Role.RoadshowOrganiser)
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the outcome: the G60 city it landed in (district, date) and financing raised; a city organiser records landings in its city' })
  @ApiOkResponse({ type: OutcomeDto })
  recordOutcome(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RecordOutcomeDto): Promise<OutcomeDto> {
    return this.outcomes.record(actor, id, dto);
  }

  @Get(':id/outcome')
  @Roles(...PROJECT_READERS)
  @ApiOperation({ summary: 'The project’s recorded outcome' })
  @ApiOkResponse({ type: OutcomeDto })
  outcome(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<OutcomeDto> {
    return this.outcomes.get(actor, id);
  }
}

/** Roadshow statistics (kept under the investors' tag, where the API document has always listed them). */
@ApiTags('roadshow investors')
@Controller()
export class RoadshowStatsController {
  constructor(private readonly outcomes: OutcomesService) {}

  @Get('roadshow-stats')
  @Roles(Role.PlatformAdmin, Role.Approver, Role.RoadshowOrganiser)
  @ApiOperation({
    summary:
      'Roadshow statistics by city, industry, session type or month: projects, screened, presented, landed, financing raised; the cloud roadshows’ attendance and questions; and the nine-city alliance per city and in total. A city organiser reads its own city only.',
  })
  @ApiOkResponse({ type: StatsDto })
  stats(@CurrentActor() actor: Actor, @Query() query: StatsQueryDto): Promise<StatsDto> {
    return this.outcomes.stats(actor, query);
  }
}
