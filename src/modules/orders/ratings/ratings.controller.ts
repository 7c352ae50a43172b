import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor, Roles } from '../../../platform/auth/access.decorators';
import { Actor, Role } from '../../../platform/context/actor';
import { RateOrderDto, RatingDto, RatingQueryDto, ReplyToRatingDto } from './dto/rating.dto';
import { RatingsService } from './ratings.service';

@ApiTags('service ratings')
@Controller()
export class RatingsController {
  constructor(private readonly ratings: RatingsService) {}

  @Post('service-orders/:id/rating')
  @Roles(Role.EnterpriseUser)
  @ApiOperation({ summary: 'Rate a service once, after confirming its delivery (评价): the ordering enterprise only; a second rating is 409 ALREADY_EXISTS' })
  @ApiCreatedResponse({ type: RatingDto })
  rate(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RateOrderDto): Promise<RatingDto> {
    return this.ratings.rate(actor, id, dto);
  }

  @Post('service-ratings/:id/reply')
  @Roles(Role.ProviderUser)
  @ApiOperation({ summary: 'The rated provider replies, once' })
  @ApiCreatedResponse({ type: RatingDto })
  reply(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReplyToRatingDto): Promise<RatingDto> {
    return this.ratings.reply(actor, id, dto.reply);
  }

  @Get('service-ratings')
  @Authenticated()
  @ApiOperation({ summary: 'Ratings of a service or a provider, or mine=true: those my enterprise gave or my provider received' })
  @ApiOkResponse({ type: [RatingDto] })
  list(@CurrentActor() actor: Actor, @Query() query: RatingQueryDto): Promise<RatingDto[]> {
    return this.ratings.list(actor, query);
  }
}
