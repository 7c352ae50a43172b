import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../platform/errors/domain-error';
import { Region } from './organization.entity';

/** Reference regions (seeded by migration). Cached: they change only with a migration. */
@Injectable()
export class RegionsService implements OnModuleInit {
  private regions = new Map<string, Region>();

  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const rows = await this.dataSource.getRepository(Region).find({ order: { sortOrder: 'ASC' } });
    this.regions = new Map(rows.map((r) => [r.code, r]));
  }

  all(): Region[] {
    return [...this.regions.values()];
  }

  get(code: string): Region | undefined {
    return this.regions.get(code);
  }

  require(code: string, field = 'regionCode'): Region {
    const region = this.regions.get(code);
    if (!region) throw DomainError.invalid(field, `unknown region ${code}`);
    return region;
  }

  /** The region and every region under it (a city and its districts), in region order. */
  under(code: string): Region[] {
    return this.all().filter((r) => this.lineage(r.code).includes(code));
  }

  /** The region and its ancestors, nearest first (a district, then its city). */
  lineage(code: string): string[] {
    const chain: string[] = [];
    let current = this.regions.get(code);
    while (current) {
      chain.push(current.code);
      current = current.parentCode ? this.regions.get(current.parentCode) : undefined;
    }
    return chain;
  }
}
