import { ApiProperty } from '@nestjs/swagger';

/**
 * A place on the map: a G60 member (松江 is a district of Shanghai), the partner city, an issuing city, or the city
 * of any other region. Every figure of the map and the big screen is counted by place (src/modules/dashboards/map-places.ts).
 */
export class MapPlaceDto {
  @ApiProperty({ example: '330400' }) regionCode: string;
  @ApiProperty({ example: '嘉兴市' }) regionName: string;
  @ApiProperty({ example: 'Jiaxing' }) regionNameEn: string;
  @ApiProperty({ description: 'One of the nine G60 corridor members' }) isG60: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'WGS-84; null when the platform has no position for it (the portal then uses the boundary’s centre)' }) lat: number | null;
  @ApiProperty({ nullable: true, type: Number }) lng: number | null;
}

export class MapCategoryCountDto {
  @ApiProperty({ example: '310000' }) regionCode: string;
  @ApiProperty({ example: 'testing', description: 'service_categories code (GET /catalog/categories)' }) category: string;
  @ApiProperty({ description: 'Active services of active providers of the place in that category' }) services: number;
}

export class MapPlaceCountDto {
  @ApiProperty({ example: '330400' }) regionCode: string;
  @ApiProperty() count: number;
}

export class MapVoucherFlowDto {
  @ApiProperty({ example: '330400', description: 'The issuing city of the programme' }) fromRegionCode: string;
  @ApiProperty({ example: '310000', description: 'The place of the provider' }) toRegionCode: string;
  @ApiProperty({ description: 'Orders, without cancelled, declined or rejected ones' }) orders: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Their subsidy, final once delivered else held; on the public big screen null below 3 orders (one order’s subsidy is one company’s)' })
  subsidyFen: number | null;
}

export class MapLandingFlowDto {
  @ApiProperty({ example: '330100', description: 'The place of the project’s home region' }) fromRegionCode: string;
  @ApiProperty({ example: '330400', description: 'The G60 city it landed in' }) toRegionCode: string;
  @ApiProperty() projects: number;
}

export class MapLayersDto {
  @ApiProperty({ type: [MapPlaceDto], description: 'Every place a layer below names' }) places: MapPlaceDto[];
  @ApiProperty({ type: [MapPlaceCountDto], description: 'Active providers by place (the catalogue is open to every signed-in user: not scoped)' }) providers: MapPlaceCountDto[];
  @ApiProperty({ type: [MapCategoryCountDto], description: 'Active services by place and category (not scoped, as providers)' }) servicesByCategory: MapCategoryCountDto[];
  @ApiProperty({ type: [MapVoucherFlowDto], description: 'Voucher orders of every programme from its issuing city to the provider’s place, scoped as GET /service-orders' }) voucherFlows: MapVoucherFlowDto[];
  @ApiProperty({ type: [MapPlaceCountDto], description: 'Roadshow projects by their home place (counts only), without withdrawn and rejected ones' }) projects: MapPlaceCountDto[];
  @ApiProperty({ type: [MapLandingFlowDto], description: 'Landed projects from their home place to the landing city (counts only)' }) landings: MapLandingFlowDto[];
}

export class BigScreenCityDto extends MapPlaceDto {
  @ApiProperty() activeProviders: number;
  @ApiProperty() services: number;
  @ApiProperty() projects: number;
  @ApiProperty({ description: 'Projects that landed in this place' }) landings: number;
}

export class BigScreenTotalsDto {
  @ApiProperty() activeProviders: number;
  @ApiProperty() services: number;
  @ApiProperty() projects: number;
  @ApiProperty() landings: number;
  @ApiProperty({ description: 'Voucher orders across places (the issuing city differs from the provider’s place)' }) crossRegionOrders: number;
  @ApiProperty({ description: 'Their subsidy, fen' }) crossRegionSubsidyFen: number;
}

/** GET /public/big-screen: counts and sums per place only; what is shown and why it is public: docs/domain.md, "The public big screen". */
export class BigScreenDto {
  @ApiProperty({ description: 'When the figures were computed (ISO 8601); they are reused for BIG_SCREEN_CACHE_SECONDS' }) computedAt: string;
  @ApiProperty({ description: 'Seconds until the next recomputation at the earliest; the page refreshes on this rhythm' }) refreshSeconds: number;
  @ApiProperty({ type: BigScreenTotalsDto }) totals: BigScreenTotalsDto;
  @ApiProperty({ type: [BigScreenCityDto] }) cities: BigScreenCityDto[];
  @ApiProperty({ type: [MapVoucherFlowDto] }) voucherFlows: MapVoucherFlowDto[];
  @ApiProperty({ type: [MapLandingFlowDto] }) landings: MapLandingFlowDto[];
}
