import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../platform/auth/access.decorators';
import { LifecycleDto } from './dto/lifecycle.dto';
import { describeLifecycles } from './lifecycle-registry';

@ApiTags('lifecycles')
@Controller('lifecycles')
export class LifecyclesController {
  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Every lifecycle as declared: states, allowed transitions, guards and the event each emits (read-only)' })
  @ApiOkResponse({ type: [LifecycleDto] })
  list(): LifecycleDto[] {
    return describeLifecycles();
  }
}
