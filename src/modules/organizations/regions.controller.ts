import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '../../platform/auth/access.decorators';
import { Role } from '../../platform/context/actor';
import { DomainError } from '../../platform/errors/domain-error';
import { CreateRegionDto, RegionDto, RegionQueryDto, UpdateRegionDto } from './dto/region.dto';
import { RegionsAdminService } from './regions-admin.service';

@ApiTags('organizations')
@Controller('regions')
export class RegionsController {
  constructor(private readonly regions: RegionsAdminService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Without filters: the regions the platform serves (issuing regions, what lies under them, G60 and partner regions). With parent, q, issuing, kind or all: a page of the whole GB/T 2260 list',
  })
  @ApiOkResponse({ type: [RegionDto] })
  list(@Query() query: RegionQueryDto): RegionDto[] {
    return this.regions.list(query);
  }

  @Post()
  @Roles(Role.PlatformAdmin)
  @ApiOperation({ summary: 'Add a division missing from the list (a new GB/T 2260 code); 409 when the code exists' })
  @ApiCreatedResponse({ type: RegionDto })
  create(@Body() dto: CreateRegionDto): Promise<RegionDto> {
    return this.regions.create(dto);
  }

  @Patch(':code')
  @Roles(Role.PlatformAdmin)
  @ApiOperation({ summary: 'Mark a region issuing (its bureau then issues programmes), set its English name or corridor flags' })
  @ApiOkResponse({ type: RegionDto })
  update(@Param('code') code: string, @Body() dto: UpdateRegionDto): Promise<RegionDto> {
    if (!/^\d{6}$/.test(code)) throw DomainError.invalid('code', 'must be 6 digits');
    return this.regions.update(code, dto);
  }
}
