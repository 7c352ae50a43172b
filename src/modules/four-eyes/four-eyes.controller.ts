import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../platform/auth/access.decorators';
import { Actor, Role } from '../../platform/context/actor';
import { FourEyesDecisionDto, FourEyesQueryDto, FourEyesRequestDto } from './dto/four-eyes.dto';
import { FourEyesService } from './four-eyes.service';

/** The bureau roles that revoke vouchers or claw back claims, and the platform operators (read and cancel only). */
const MONEY_DECIDERS = [Role.Approver, Role.Finance, Role.PlatformAdmin];

@ApiTags('four eyes')
@Controller('four-eyes-requests')
export class FourEyesController {
  constructor(private readonly fourEyes: FourEyesService) {}

  @Get()
  @Roles(...MONEY_DECIDERS)
  @ApiOperation({ summary: 'Voucher revocations and claw-backs above the four-eyes threshold, of the caller’s region (pending first to confirm)' })
  @ApiOkResponse({ type: [FourEyesRequestDto] })
  list(@CurrentActor() actor: Actor, @Query() query: FourEyesQueryDto): Promise<FourEyesRequestDto[]> {
    return this.fourEyes.list(actor, query);
  }

  @Get(':id')
  @Roles(...MONEY_DECIDERS)
  @ApiOperation({ summary: 'One four-eyes request' })
  @ApiOkResponse({ type: FourEyesRequestDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<FourEyesRequestDto> {
    return this.fourEyes.get(actor, id);
  }

  @Post(':id/confirm')
  @Roles(Role.Approver, Role.Finance)
  @HttpCode(200)
  @ApiOperation({ summary: 'A second authorised person of the paying region confirms: the money moves now (never twice; never by the requester)' })
  @ApiOkResponse({ type: FourEyesRequestDto })
  confirm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: FourEyesDecisionDto): Promise<FourEyesRequestDto> {
    return this.fourEyes.confirm(actor, id, dto.note ?? null);
  }

  @Post(':id/cancel')
  @Roles(...MONEY_DECIDERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a pending request (its requester, or a person who could confirm it); nothing moves' })
  @ApiOkResponse({ type: FourEyesRequestDto })
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: FourEyesDecisionDto): Promise<FourEyesRequestDto> {
    return this.fourEyes.cancel(actor, id, dto.note ?? null);
  }
}
