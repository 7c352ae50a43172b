import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor, Roles } from '../../../platform/auth/access.decorators';
import { Actor, Role } from '../../../platform/context/actor';
import { OrganizationUserQueryDto, UserPageDto, UserQueryDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('organizations')
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('admin/users')
  @Roles(Role.PlatformAdmin)
  @ApiOperation({ summary: 'Every user, by role, region (and the regions under it) and text; newest first, paged' })
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() query: UserQueryDto): Promise<UserPageDto> {
    return this.users.list(query);
  }

  @Get('organizations/:id/users')
  @Authenticated()
  @ApiOperation({ summary: 'The users of one organisation: for its org admins and the platform' })
  @ApiOkResponse({ type: UserPageDto })
  listOfOrganization(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: OrganizationUserQueryDto): Promise<UserPageDto> {
    return this.users.listOfOrganization(actor, id, query);
  }
}
