import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OpenData } from '../../../platform/auth/access.decorators';
import { OpenSessionDetailDto, OpenSessionDto, OpenSessionQueryDto } from './dto/open-session.dto';
import { OpenSessionsService } from './open-sessions.service';

/** Roadshow sessions as open data: the calendar and live-page widgets, and partner keys of scope roadshows:read. */
@ApiTags('open data')
@Controller('open/roadshow-sessions')
export class OpenSessionsController {
  constructor(private readonly sessions: OpenSessionsService) {}

  @Get()
  @OpenData('roadshows:read')
  @ApiOperation({ summary: 'Published and finished roadshow sessions in a window (open data; at most 500)' })
  @ApiOkResponse({ type: [OpenSessionDto] })
  list(@Query() query: OpenSessionQueryDto): Promise<OpenSessionDto[]> {
    return this.sessions.list(query);
  }

  @Get(':id')
  @OpenData('roadshows:read')
  @ApiOperation({ summary: 'A published session with its published agenda and the pitch on stage now (open data)' })
  @ApiOkResponse({ type: OpenSessionDetailDto })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<OpenSessionDetailDto> {
    return this.sessions.get(id);
  }
}
