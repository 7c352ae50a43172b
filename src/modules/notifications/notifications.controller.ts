import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor } from '../../platform/auth/access.decorators';
import { Actor } from '../../platform/context/actor';
import { MarkAllReadResultDto, NotificationDto, NotificationInboxDto, NotificationQueryDto } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('notifications')
@Authenticated()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: "The caller's in-app inbox, newest first" })
  @ApiOkResponse({ type: NotificationInboxDto })
  inbox(@CurrentActor() actor: Actor, @Query() query: NotificationQueryDto): Promise<NotificationInboxDto> {
    return this.notifications.inbox(actor, query);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one notification read' })
  @ApiOkResponse({ type: NotificationDto })
  markRead(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<NotificationDto> {
    return this.notifications.markRead(actor, id);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark every notification read' })
  @ApiOkResponse({ type: MarkAllReadResultDto })
  markAllRead(@CurrentActor() actor: Actor): Promise<MarkAllReadResultDto> {
    return this.notifications.markAllRead(actor);
  }
}
