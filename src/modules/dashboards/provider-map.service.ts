import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RegionsService } from '../organizations/regions.service';
import { ProviderMapRowDto } from './dto/dashboard.dto';
import { REGION_COORDINATES } from './region-coordinates';

/**
 * The provider map (一图): capacity per region. The catalogue is open to every signed-in user,
 * so these counts are not scoped: every dashboard role sees every region. Active providers (admitted,
 * neither suspended nor closed) and their active services come from the views organizations and
 * catalog publish (read_active_providers, read_active_services).
 */
@Injectable()
export class ProviderMapService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regions: RegionsService,
  ) {}

  async map(): Promise<ProviderMapRowDto[]> {
    const providers = (await this.dataSource.query(
      `SELECT o.region_code, count(*)::int AS providers, count(*) FILTER (WHERE o.accreditations && ARRAY['CMA', 'CNAS'])::int AS accredited
         FROM read_active_providers o GROUP BY o.region_code`,
    )) as { region_code: string; providers: number; accredited: number }[];
    const services = (await this.dataSource.query(
      `SELECT s.provider_region_code AS region_code, count(*)::int AS services, count(DISTINCT s.instrument_name)::int AS instruments
         FROM read_active_services s GROUP BY s.provider_region_code`,
    )) as { region_code: string; services: number; instruments: number }[];
    // The served regions with a place on the map or with capacity: not every district of every G60 city.
    const shown = this.regions.served().filter((r) => REGION_COORDINATES[r.code] || providers.some((x) => x.region_code === r.code) || services.some((x) => x.region_code === r.code));
    return shown.map((r) => {
      const p = providers.find((x) => x.region_code === r.code);
      const s = services.find((x) => x.region_code === r.code);
      const at = REGION_COORDINATES[r.code];
      return {
        regionCode: r.code,
        regionName: r.name,
        lat: at?.lat ?? null,
        lng: at?.lng ?? null,
        activeProviders: p?.providers ?? 0,
        services: s?.services ?? 0,
        instruments: s?.instruments ?? 0,
        cmaOrCnas: p?.accredited ?? 0,
      };
    });
  }
}
