import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../platform/auth/access.decorators';
import { Actor, Role } from '../../platform/context/actor';
import { ApplicationLimitsService } from './application-limits.service';
import { ApplicationLimitsDto } from './dto/voucher.dto';

/** Lives with vouchers, not programmes: the caps it reports are the vouchers module's (programmes cannot import it). */
@ApiTags('programmes')
@Controller('programs')
export class ProgramLimitsController {
  constructor(private readonly limits: ApplicationLimitsService) {}

  @Get(':id/limits')
  @Roles(Role.EnterpriseUser)
  @ApiOperation({ summary: 'The caller’s live limits for an application: tier and ratio, caps used and remaining (enterprise, group), budget, the most it may request' })
  @ApiOkResponse({ type: ApplicationLimitsDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ApplicationLimitsDto> {
    return this.limits.limits(actor, id);
  }
}
