import { Controller, Get, Header, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../../platform/auth/access.decorators';
import { Actor } from '../../../platform/context/actor';
import { PROJECT_READERS } from '../shared/roadshow.constants';
import { AgendaExportsService } from './agenda-exports.service';
import { AgendaCollectionDto } from './dto/scheduling.dto';

/** A project's published slots across sessions, under the project's path. */
@ApiTags('roadshow projects')
@Controller('roadshow-projects')
export class ProjectAgendaController {
  constructor(private readonly exports: AgendaExportsService) {}

  @Get(':id/agenda')
  @Roles(...PROJECT_READERS)
  @ApiOperation({ summary: 'The project’s published roadshow slots, as JSON' })
  @ApiOkResponse({ type: AgendaCollectionDto })
  agenda(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AgendaCollectionDto> {
    return this.exports.project(actor, id);
  }

  @Get(':id/agenda.ics')
  @Roles(...PROJECT_READERS)
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="project-agenda.ics"')
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: 'The project’s published roadshow slots, as iCalendar (RFC 5545)' })
  @ApiOkResponse({ description: 'text/calendar, one VEVENT per slot, TZID Asia/Shanghai', schema: { type: 'string' } })
  async agendaIcal(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<string> {
    return this.exports.toIcal(await this.exports.project(actor, id), `路演项目日程 ${id}`);
  }
}
