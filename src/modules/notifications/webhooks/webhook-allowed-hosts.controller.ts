import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../../platform/auth/access.decorators';
import { Actor, Role } from '../../../platform/context/actor';
import { AddAllowedHostDto, AllowedHostDto } from './dto/webhook.dto';
import { WebhookAllowedHostsService } from './webhook-allowed-hosts.service';

@ApiTags('notifications')
@Controller('admin/webhook-allowed-hosts')
@Roles(Role.PlatformAdmin)
export class WebhookAllowedHostsController {
  constructor(private readonly hosts: WebhookAllowedHostsService) {}

  @Get()
  @ApiOperation({ summary: 'Hosts webhooks may reach although they resolve to internal addresses' })
  @ApiOkResponse({ type: [AllowedHostDto] })
  list(@CurrentActor() actor: Actor): Promise<AllowedHostDto[]> {
    return this.hosts.list(actor);
  }

  @Post()
  @ApiOperation({ summary: 'Allow webhooks to reach an internal host (audited); cloud metadata addresses cannot be allowed' })
  @ApiCreatedResponse({ type: AllowedHostDto })
  add(@CurrentActor() actor: Actor, @Body() dto: AddAllowedHostDto): Promise<AllowedHostDto> {
    return this.hosts.add(actor, dto);
  }

  @Delete(':host')
  @ApiOperation({ summary: 'Remove a host from the allow-list (audited); deliveries to it are refused from then on' })
  @ApiOkResponse({ type: AllowedHostDto })
  remove(@CurrentActor() actor: Actor, @Param('host') host: string): Promise<AllowedHostDto> {
    return this.hosts.remove(actor, host);
  }
}
