import { Injectable } from '@nestjs/common';
import { Actor } from '../../platform/context/actor';
import { MapLayersDto } from './dto/map-layers.dto';
import { MapFiguresService, orderScope } from './map-figures.service';

/**
 * GET /dashboards/map-layers. Providers and services are the open catalogue; projects and landings are counts per
 * place (no names: the projects themselves are confidential to their organisers); voucher flows carry money and
 * are scoped as GET /service-orders: the platform sees all, a partner admin the orders into its regions, the
 * bureaus the orders of their regions' enterprises.
 */
@Injectable()
export class MapLayersService {
  constructor(private readonly figures: MapFiguresService) {}

  async layers(actor: Actor): Promise<MapLayersDto> {
    const providers = await this.figures.providers();
    const servicesByCategory = await this.figures.servicesByCategory();
    const voucherFlows = await this.figures.voucherFlows(orderScope(actor));
    const projects = await this.figures.projects();
    const landings = await this.figures.landings();
    const places = this.figures.places([
      ...providers.map((x) => x.regionCode),
      ...servicesByCategory.map((x) => x.regionCode),
      ...voucherFlows.flatMap((x) => [x.fromRegionCode, x.toRegionCode]),
      ...projects.map((x) => x.regionCode),
      ...landings.flatMap((x) => [x.fromRegionCode, x.toRegionCode]),
    ]);
    return { places, providers, servicesByCategory, voucherFlows, projects, landings };
  }
}
