import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../../platform/auth/access.decorators';
import { Actor, Role } from '../../../platform/context/actor';
import { PROJECT_READERS } from '../shared/roadshow.constants';
import { FollowDto, InterestDto, InterestNoteDto } from './dto/investor.dto';
import { InterestsService } from './interests.service';
import { InvestorsService } from './investors.service';

/** Following a project and registering interest in it, under the project's path. */
@ApiTags('roadshow projects')
@Controller('roadshow-projects')
export class ProjectInterestsController {
  constructor(
    private readonly investors: InvestorsService,
    private readonly interests: InterestsService,
  ) {}

  @Post(':id/follow')
  @Roles(Role.Investor)
  @HttpCode(200)
  @ApiOperation({ summary: 'Follow a screened project' })
  @ApiOkResponse({ type: FollowDto })
  follow(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<FollowDto> {
    return this.investors.follow(actor, id, true);
  }

  @Post(':id/unfollow')
  @Roles(Role.Investor)
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop following a project' })
  @ApiOkResponse({ type: FollowDto })
  unfollow(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<FollowDto> {
    return this.investors.follow(actor, id, false);
  }

  @Post(':id/interests')
  @Roles(Role.Investor)
  @ApiOperation({ summary: 'Register the organisation’s interest in a project (投资意向: interested)' })
  @ApiCreatedResponse({ type: InterestDto })
  interest(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: InterestNoteDto): Promise<InterestDto> {
    return this.interests.create(actor, id, dto.note);
  }

  @Get(':id/interests')
  @Roles(...PROJECT_READERS)
  @ApiOperation({ summary: 'Investor interest in the project (an investor sees its own)' })
  @ApiOkResponse({ type: [InterestDto] })
  interestsOf(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<InterestDto[]> {
    return this.interests.ofProject(actor, id);
  }
}
