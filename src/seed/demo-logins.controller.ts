import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../platform/auth/access.decorators';
import { AppConfig } from '../platform/config/app-config';
import { Role } from '../platform/context/actor';
import { DEMO_LOGINS, DEMO_PASSWORD } from './seed-demo';

export class DemoLoginDto {
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty() email: string;
  @ApiProperty() organization: string;
  @ApiProperty() password: string;
}

/** The seeded demo logins, for the portal's sign-in page; empty unless this server seeds demo data. */
@ApiTags('auth')
@Controller('auth/demo-logins')
export class DemoLoginsController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Demo logins (only where demo data is seeded: embedded mode or SEED_DEMO=true)' })
  @ApiOkResponse({ type: [DemoLoginDto] })
  list(): DemoLoginDto[] {
    if (!this.config.seedDemo) return [];
    return DEMO_LOGINS.map(({ role, email, organization }) => ({ role, email, organization, password: DEMO_PASSWORD }));
  }
}
