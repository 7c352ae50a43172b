import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, OmitType } from '@nestjs/swagger';
import { OpenData } from '../../platform/auth/access.decorators';
import { CatalogSearchQueryDto, CatalogSearchResultDto, ServiceCategoryDto } from './dto/catalog-service.dto';
import { CatalogSearchService } from './catalog-search.service';
import { CatalogService } from './catalog.service';

/** A search of the open catalogue: no caller, so no "recognised by my city" filter. */
export class OpenCatalogSearchQueryDto extends OmitType(CatalogSearchQueryDto, ['recognisedOnly'] as const) {}

/**
 * The catalogue as open data (docs/security.md, "Open data"): listed services of admitted providers, as the
 * catalogue-search widget and partner platforms (API key scope catalog:read) read it. Nothing else of the catalogue.
 */
@ApiTags('open data')
@Controller('open/catalog')
export class OpenCatalogController {
  constructor(
    private readonly catalog: CatalogService,
    private readonly searchService: CatalogSearchService,
  ) {}

  @Get('categories')
  @OpenData('catalog:read')
  @ApiOperation({ summary: 'Service categories (open data)' })
  @ApiOkResponse({ type: [ServiceCategoryDto] })
  categories(): ServiceCategoryDto[] {
    return this.catalog.categories();
  }

  @Get('services')
  @OpenData('catalog:read')
  @ApiOperation({ summary: 'Search the listed services of admitted providers (open data: the widget’s, or a partner key’s of scope catalog:read)' })
  @ApiOkResponse({ type: CatalogSearchResultDto })
  search(@Query() query: OpenCatalogSearchQueryDto): Promise<CatalogSearchResultDto> {
    return this.searchService.search(undefined, query);
  }
}
