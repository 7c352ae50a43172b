import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../platform/context/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { DomainError, ErrorCode } from '../../platform/errors/domain-error';
import { describeConstraint } from '../../platform/errors/pg-errors';
import { OrganizationDirectory } from '../organizations/organization-directory';
import { CatalogServiceDto, CreateCatalogServiceDto, ServiceCategoryDto, UpdateCatalogServiceDto } from './dto/catalog-service.dto';
import { CatalogItem, ServiceCategory } from './catalog.entities';
import { CatalogServiceRow, SERVICE_COLUMNS, serviceAuditView, toCatalogServiceDto, withRatings } from './catalog.mapper';
import { CatalogPolicy } from './catalog.policy';
import { CatalogServiceStatus, nextServiceStatus } from './catalog.state';
import { indexTokens, searchText } from './search-tokens';

describeConstraint('catalog_services_provider_code_key', ErrorCode.AlreadyExists, 'This provider already lists a service with this code', 'code');
describeConstraint('catalog_services_category_fkey', ErrorCode.ValidationFailed, 'Unknown service category', 'category');
describeConstraint('catalog_services_price_positive', ErrorCode.ValidationFailed, 'unitPriceFen must be a positive integer number of fen', 'unitPriceFen');

/** What an order needs of a service: the service, and its provider's id, region and admission. */
export interface ServiceForOrder {
  id: string;
  code: string;
  name: string;
  category: string;
  unitPriceFen: number;
  unit: string;
  status: CatalogServiceStatus;
  providerId: string;
  providerName: string;
  providerRegionCode: string;
  providerAdmissionStatus: string | null;
  /** service_stamp(): changes whenever the service or its provider row does (docs/architecture.md, "Money paths"). */
  stamp: string;
}

/** The searchable fields of a service, as they go into search_text and search_tokens. */
export function searchFields(s: { name: string; instrumentName?: string | null; instrumentModel?: string | null; description?: string | null }): { text: string; tokens: string[] } {
  const text = searchText([s.name, s.instrumentName, s.instrumentModel, s.description]);
  return { text, tokens: indexTokens(text) };
}

/** A provider's catalogue (服务目录): listing, editing and withdrawing services. Search is CatalogSearchService. */
@Injectable()
export class CatalogService implements OnModuleInit {
  private categoryList: ServiceCategory[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly directory: OrganizationDirectory,
  ) {}

  async onModuleInit(): Promise<void> {
    // Seeded by migration; they change only with a migration.
    this.categoryList = await this.dataSource.getRepository(ServiceCategory).find({ order: { sortOrder: 'ASC' } });
  }

  categories(): ServiceCategoryDto[] {
    return this.categoryList.map((c) => ({ code: c.code, name: c.name, nameEn: c.nameEn }));
  }

  isCategory(code: string): boolean {
    return this.categoryList.some((c) => c.code === code);
  }

  async get(actor: Actor, id: string): Promise<CatalogServiceDto> {
    const row = await this.readRow(this.dataSource.manager, id);
    if (!row || !CatalogPolicy.canReadService(actor, { providerId: row.provider_id, regionCode: row.region_code, status: row.status }, row.admission_status)) {
      throw DomainError.notFound('Service');
    }
    return (await withRatings((sql, params) => this.dataSource.query(sql, params), [toCatalogServiceDto(row)]))[0];
  }

  /** For another module's transaction (orders): the service with its provider's id, region and admission; null when unknown. */
  async getForOrder(manager: EntityManager, serviceId: string): Promise<ServiceForOrder | null> {
    const row = await this.readRow(manager, serviceId);
    if (!row) return null;
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      category: row.category,
      unitPriceFen: Number(row.unit_price_fen),
      unit: row.unit,
      status: row.status as CatalogServiceStatus,
      providerId: row.provider_id,
      providerName: row.provider_name,
      providerRegionCode: row.provider_region_code,
      providerAdmissionStatus: row.admission_status,
      stamp: row.stamp,
    };
  }

  async create(actor: Actor, dto: CreateCatalogServiceDto): Promise<CatalogServiceDto> {
    this.requireCategory(dto.category);
    return this.uow.run(async (tx) => {
      const provider = await this.listingProvider(tx.manager, actor);
      const fields = { ...dto, name: dto.name.trim(), unit: dto.unit.trim(), instrumentName: blank(dto.instrumentName), instrumentModel: blank(dto.instrumentModel), description: blank(dto.description) };
      const search = searchFields(fields);
      const [{ id }] = (await tx.manager.query(
        `INSERT INTO catalog_services (provider_id, code, name, category, unit_price_fen, unit, lead_time_days, instrument_name,
                                       instrument_model, description, region_code, search_text, search_tokens)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, array_to_tsvector($13::text[])) RETURNING id`,
        [provider.id, fields.code, fields.name, fields.category, fields.unitPriceFen, fields.unit, fields.leadTimeDays, fields.instrumentName,
          fields.instrumentModel, fields.description, provider.regionCode, search.text, search.tokens],
      )) as { id: string }[];
      const row = (await this.readRow(tx.manager, id))!;
      const dtoOut = toCatalogServiceDto(row);
      tx.audit({ action: 'catalog.service.created', subjectType: 'catalog_service', subjectId: id, organizationId: provider.id, regionCode: provider.regionCode, after: serviceAuditView(dtoOut) });
      return dtoOut;
    });
  }

  async update(actor: Actor, id: string, dto: UpdateCatalogServiceDto): Promise<CatalogServiceDto> {
    if (dto.category !== undefined) this.requireCategory(dto.category);
    return this.uow.run(async (tx) => {
      const current = await this.lockOwned(tx.manager, actor, id);
      await this.listingProvider(tx.manager, actor);
      nextServiceStatus(current.status, 'update');
      if (dto.expectedVersion !== undefined && dto.expectedVersion !== current.version) {
        throw DomainError.conflict('The service changed since you loaded it', { expectedVersion: dto.expectedVersion, version: current.version });
      }
      const pick = <K extends keyof CatalogItem>(key: K, value: CatalogItem[K] | undefined): CatalogItem[K] => (value === undefined ? current[key] : value);
      const next = {
        name: pick('name', dto.name?.trim()),
        category: pick('category', dto.category),
        unitPriceFen: pick('unitPriceFen', dto.unitPriceFen),
        unit: pick('unit', dto.unit?.trim()),
        leadTimeDays: pick('leadTimeDays', dto.leadTimeDays),
        instrumentName: dto.instrumentName === undefined ? current.instrumentName : blank(dto.instrumentName),
        instrumentModel: dto.instrumentModel === undefined ? current.instrumentModel : blank(dto.instrumentModel),
        description: dto.description === undefined ? current.description : blank(dto.description),
      };
      const search = searchFields(next);
      await tx.manager.query(
        `UPDATE catalog_services SET name = $2, category = $3, unit_price_fen = $4, unit = $5, lead_time_days = $6, instrument_name = $7,
                instrument_model = $8, description = $9, search_text = $10, search_tokens = array_to_tsvector($11::text[]),
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [id, next.name, next.category, next.unitPriceFen, next.unit, next.leadTimeDays, next.instrumentName, next.instrumentModel, next.description, search.text, search.tokens],
      );
      const row = (await this.readRow(tx.manager, id))!;
      const after = toCatalogServiceDto(row);
      tx.audit({ action: 'catalog.service.updated', subjectType: 'catalog_service', subjectId: id, organizationId: current.providerId, regionCode: current.regionCode, before: serviceAuditView(current), after: serviceAuditView(after) });
      return after;
    });
  }

  /** 下架: the service leaves search; orders already placed keep referring to it. */
  async withdraw(actor: Actor, id: string): Promise<CatalogServiceDto> {
    return this.uow.run(async (tx) => {
      const current = await this.lockOwned(tx.manager, actor, id);
      const status = nextServiceStatus(current.status, 'withdraw');
      await tx.manager.query(`UPDATE catalog_services SET status = $2, withdrawn_at = now(), version = version + 1, updated_at = now() WHERE id = $1`, [id, status]);
      const after = toCatalogServiceDto((await this.readRow(tx.manager, id))!);
      tx.audit({ action: 'catalog.service.withdrawn', subjectType: 'catalog_service', subjectId: id, organizationId: current.providerId, regionCode: current.regionCode, before: serviceAuditView(current), after: serviceAuditView(after) });
      return after;
    });
  }

  private requireCategory(code: string): void {
    if (!this.isCategory(code)) throw DomainError.invalid('category', `unknown category ${code}; see GET /api/v1/catalog/categories`);
  }

  /** The actor's own provider, share-locked so that a suspension cannot interleave; only admitted (active) providers list services. */
  private async listingProvider(manager: EntityManager, actor: Actor): Promise<{ id: string; regionCode: string }> {
    if (!CatalogPolicy.canManageService(actor, actor.organizationId)) throw DomainError.forbidden('Only a provider’s organisation admins keep its catalogue');
    const org = await this.directory.lockAdmissionForShare(manager, actor.organizationId);
    if (!org || org.kind !== 'provider') throw DomainError.forbidden('Only providers list services');
    if (org.admissionStatus !== 'active') {
      throw DomainError.rule('Only admitted (active) providers may list services', { admissionStatus: org.admissionStatus });
    }
    return { id: org.id, regionCode: org.regionCode };
  }

  /** Row-locks a service the actor owns: 404 when it does not exist, 403 when it is another provider's. */
  private async lockOwned(manager: EntityManager, actor: Actor, id: string): Promise<CatalogItem> {
    const item = await manager.getRepository(CatalogItem).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!item) throw DomainError.notFound('Service');
    if (!CatalogPolicy.canManageService(actor, item.providerId)) throw DomainError.forbidden('Only the provider’s organisation admins change its services');
    return item;
  }

  private async readRow(manager: EntityManager, id: string): Promise<ServiceRowForOrder | undefined> {
    const rows = (await manager.query(
      `SELECT ${SERVICE_COLUMNS}, o.admission_status, o.region_code AS provider_region_code, service_stamp(s.id) AS stamp
         FROM catalog_services s JOIN read_organizations o ON o.id = s.provider_id WHERE s.id = $1`,
      [id],
    )) as ServiceRowForOrder[];
    return rows[0];
  }
}

type ServiceRowForOrder = CatalogServiceRow & { admission_status: string | null; provider_region_code: string; stamp: string };

function blank(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
