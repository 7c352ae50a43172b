import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor, Roles } from '../../platform/auth/access.decorators';
import { Actor, Role } from '../../platform/context/actor';
import {
  CatalogSearchQueryDto, CatalogSearchResultDto, CatalogServiceDto, CreateCatalogServiceDto, ServiceCategoryDto, UpdateCatalogServiceDto,
} from './dto/catalog-service.dto';
import { CatalogSearchService } from './catalog-search.service';
import { CatalogService } from './catalog.service';

@ApiTags('catalog')
@Controller('catalog')
export class CatalogController {
  constructor(
    private readonly catalog: CatalogService,
    private readonly searchService: CatalogSearchService,
  ) {}

  @Get('categories')
  @Authenticated()
  @ApiOperation({ summary: 'Service categories (检测, 分析测试, 仪器共享, …)' })
  @ApiOkResponse({ type: [ServiceCategoryDto] })
  categories(): ServiceCategoryDto[] {
    return this.catalog.categories();
  }

  @Get('services')
  @Authenticated()
  @ApiOperation({ summary: 'Search listed services of admitted providers: Chinese keywords from one character, filters, recognisedOnly' })
  @ApiOkResponse({ type: CatalogSearchResultDto })
  search(@CurrentActor() actor: Actor, @Query() query: CatalogSearchQueryDto): Promise<CatalogSearchResultDto> {
    return this.searchService.search(actor, query);
  }

  @Get('services/:id')
  @Authenticated()
  @ApiOperation({ summary: 'One service (withdrawn ones and those of non-admitted providers only for the provider and its regional admins)' })
  @ApiOkResponse({ type: CatalogServiceDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CatalogServiceDto> {
    return this.catalog.get(actor, id);
  }

  @Post('services')
  @Roles(Role.ProviderUser)
  @ApiOperation({ summary: 'List a service in the caller’s catalogue (admitted providers’ org admins)' })
  @ApiCreatedResponse({ type: CatalogServiceDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCatalogServiceDto): Promise<CatalogServiceDto> {
    return this.catalog.create(actor, dto);
  }

  @Post('services/:id')
  @Roles(Role.ProviderUser)
  @HttpCode(200)
  @ApiOperation({ summary: 'Update one of the caller’s services (only the fields sent; null clears an optional field)' })
  @ApiOkResponse({ type: CatalogServiceDto })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateCatalogServiceDto): Promise<CatalogServiceDto> {
    return this.catalog.update(actor, id, dto);
  }

  @Post('services/:id/withdraw')
  @Roles(Role.ProviderUser)
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw (下架) one of the caller’s services; it leaves search' })
  @ApiOkResponse({ type: CatalogServiceDto })
  withdraw(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CatalogServiceDto> {
    return this.catalog.withdraw(actor, id);
  }
}
