import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Transaction, UnitOfWork } from '../../platform/database/unit-of-work';
import { DomainError, ErrorCode } from '../../platform/errors/domain-error';
import { describeConstraint } from '../../platform/errors/pg-errors';
import { CreateRegionDto, RegionDto, RegionQueryDto, UpdateRegionDto } from './dto/region.dto';
import { Region } from './organization.entity';
import { toRegionDto } from './organization.mapper';
import { RegionsService } from './regions.service';

describeConstraint('regions_pkey', ErrorCode.AlreadyExists, 'A region with this code already exists', 'code');
describeConstraint('regions_province_not_issuing', ErrorCode.BusinessRuleViolated, 'A province does not issue programmes on this platform; its cities do', 'issuing');

/** Kinds a new division may be placed under (a county under a city or straight under a province, 省直辖). */
const PARENT_KINDS: Record<Region['kind'], Region['kind'][]> = {
  province: [],
  municipality: [],
  city: ['province'],
  district: ['city', 'municipality', 'province'],
  county: ['city', 'municipality', 'province'],
};

/**
 * The platform admins' changes to the region list: mark a division issuing, set its English name and
 * corridor flags, add a division GB/T 2260 gained. Each change commits with its audit row and a
 * NOTIFY, on which every process reloads its region cache (RegionsService).
 */
@Injectable()
export class RegionsAdminService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly regions: RegionsService,
  ) {}

  /** GET /regions: without a filter the served regions (as before); with one a page of the whole list. */
  list(query: RegionQueryDto): RegionDto[] {
    const filtered = query.parent !== undefined || query.q !== undefined || query.issuing !== undefined || query.kind !== undefined || query.all === true;
    if (!filtered) return this.regions.served().map(toRegionDto);
    let rows = query.parent === undefined ? this.regions.all() : query.parent === 'none' ? this.regions.all().filter((r) => !r.parentCode) : this.regions.childrenOf(query.parent);
    if (query.issuing !== undefined) rows = rows.filter((r) => r.issuing === query.issuing);
    if (query.kind) rows = rows.filter((r) => r.kind === query.kind);
    if (query.q) {
      const q = query.q.trim().toLowerCase();
      rows = rows.filter((r) => r.code.startsWith(q) || r.name.includes(q) || r.nameEn.toLowerCase().includes(q));
    }
    const offset = query.offset ?? 0;
    return rows.slice(offset, offset + (query.limit ?? 100)).map(toRegionDto);
  }

  async create(dto: CreateRegionDto): Promise<RegionDto> {
    const topLevel = dto.kind === 'province' || dto.kind === 'municipality';
    if (!topLevel && !dto.parentCode) throw DomainError.invalid('parentCode', `a ${dto.kind} needs the division it lies in`);
    if (topLevel && dto.parentCode) throw DomainError.invalid('parentCode', `a ${dto.kind} lies in no other division`);
    if (dto.kind === 'province' && dto.issuing) throw DomainError.invalid('issuing', 'a province does not issue programmes on this platform; its cities do');
    const result = await this.uow.run(async (tx) => {
      if (dto.parentCode) {
        const parent = await this.lock(tx.manager, dto.parentCode);
        if (!parent) throw DomainError.invalid('parentCode', `unknown region ${dto.parentCode}`);
        if (!PARENT_KINDS[dto.kind].includes(parent.kind)) throw DomainError.invalid('parentCode', `a ${dto.kind} does not lie in a ${parent.kind}`);
      }
      const [existing] = (await tx.manager.query(`SELECT code FROM regions WHERE code = $1`, [dto.code])) as unknown[];
      if (existing) throw new DomainError(ErrorCode.AlreadyExists, `Region ${dto.code} already exists`, [{ field: 'code', message: 'already exists' }]);
      await tx.manager.query(
        `INSERT INTO regions (code, name, name_en, kind, parent_code, issuing, is_g60, is_partner, sort_order, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1000, clock_timestamp())`,
        [dto.code, dto.name.trim(), (dto.nameEn ?? dto.name).trim(), dto.kind, dto.parentCode ?? null, dto.issuing ?? false, dto.isG60 ?? false, dto.isPartner ?? false],
      );
      const created = await this.changed(tx, dto.code);
      tx.audit({ action: 'region.created', subjectType: 'region', subjectId: dto.code, regionCode: dto.code, after: created });
      return created;
    });
    // This process answers its caller's next request from the new list; the others follow the NOTIFY.
    await this.regions.reload();
    return result;
  }

  async update(code: string, dto: UpdateRegionDto): Promise<RegionDto> {
    const updated = await this.uow.run(async (tx) => {
      const region = await this.lock(tx.manager, code);
      if (!region) throw DomainError.notFound('Region');
      if (dto.issuing && region.kind === 'province') throw DomainError.invalid('issuing', 'a province does not issue programmes on this platform; its cities do');
      const before = toRegionDto(region);
      await tx.manager.query(
        `UPDATE regions SET name_en = COALESCE($2, name_en), issuing = COALESCE($3, issuing), is_g60 = COALESCE($4, is_g60),
                is_partner = COALESCE($5, is_partner), updated_at = clock_timestamp()
          WHERE code = $1`,
        [code, dto.nameEn?.trim() ?? null, dto.issuing ?? null, dto.isG60 ?? null, dto.isPartner ?? null],
      );
      const after = await this.changed(tx, code);
      tx.audit({ action: after.issuing !== before.issuing ? `region.issuing.${after.issuing ? 'granted' : 'revoked'}` : 'region.updated', subjectType: 'region', subjectId: code, regionCode: code, before, after });
      return after;
    });
    await this.regions.reload();
    return updated;
  }

  private async lock(manager: EntityManager, code: string): Promise<Region | null> {
    return manager.getRepository(Region).createQueryBuilder('r').setLock('pessimistic_write').where('r.code = :code', { code }).getOne();
  }

  /** The row as committed, and a NOTIFY so that every process (this one included) reloads after commit. */
  private async changed(tx: Transaction, code: string): Promise<RegionDto> {
    await this.regions.changed(tx.manager);
    return toRegionDto(await tx.manager.getRepository(Region).findOneByOrFail({ code }));
  }
}
