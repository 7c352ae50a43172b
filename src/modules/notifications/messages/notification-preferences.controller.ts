import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor } from '../../../platform/auth/access.decorators';
import { Actor } from '../../../platform/context/actor';
import { NotificationPreferencesDto, UpdateNotificationPreferencesDto } from '../dto/notification-preferences.dto';
import { NotificationPreferencesService } from './notification-preferences.service';

@ApiTags('notifications')
@Controller('me/notification-preferences')
@Authenticated()
export class NotificationPreferencesController {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @Get()
  @ApiOperation({ summary: 'Which notifications also reach me by e-mail and by SMS (in-app always), and my SMS number' })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  get(@CurrentActor() actor: Actor): Promise<NotificationPreferencesDto> {
    return this.preferences.get(actor);
  }

  @Put()
  @ApiOperation({ summary: 'Set my SMS number and/or the channels of some notification kinds; the others are kept' })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  update(@CurrentActor() actor: Actor, @Body() dto: UpdateNotificationPreferencesDto): Promise<NotificationPreferencesDto> {
    return this.preferences.update(actor, dto);
  }
}
