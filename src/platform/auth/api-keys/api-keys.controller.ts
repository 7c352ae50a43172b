import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Role } from '../../context/actor';
import { SkipIdempotency } from '../../idempotency/skip-idempotency.decorator';
import { CurrentActor, Roles } from '../access.decorators';
import { ApiKeyCreatedDto, ApiKeyDto, CreateApiKeyDto } from './api-keys.dto';
import { ApiKeysService } from './api-keys.service';

/** Partner platforms' API keys, kept by the platform admin (docs/security.md, "Partner API keys"). */
@ApiTags('api-keys')
@Controller('admin/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @Roles(Role.PlatformAdmin)
  // The answer carries the key, shown once: it is never stored for replay (a retry creates another key; revoke the spare).
  @SkipIdempotency()
  @ApiOperation({ summary: 'Create a read-only key for a partner platform (catalogue and/or roadshow data); the key is shown this once' })
  @ApiCreatedResponse({ type: ApiKeyCreatedDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateApiKeyDto): Promise<ApiKeyCreatedDto> {
    return this.keys.create(actor, dto);
  }

  @Get()
  @Roles(Role.PlatformAdmin)
  @ApiOperation({ summary: 'Every key: name, prefix, scopes, rate limit, last use, revocation (never the key)' })
  @ApiOkResponse({ type: [ApiKeyDto] })
  list(): Promise<ApiKeyDto[]> {
    return this.keys.list();
  }

  @Post(':id/revoke')
  @Roles(Role.PlatformAdmin)
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a key: refused by every API process from the next request on' })
  @ApiOkResponse({ type: ApiKeyDto })
  revoke(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ApiKeyDto> {
    return this.keys.revoke(actor, id);
  }
}
