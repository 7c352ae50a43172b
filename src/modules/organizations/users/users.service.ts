import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthService } from '../../../platform/auth/auth.service';
import { Actor } from '../../../platform/context/actor';
import { DomainError } from '../../../platform/errors/domain-error';
import { OrganizationUserQueryDto, UserPageDto, UserQueryDto, UserSummaryDto } from './dto/user.dto';
import { Organization } from '../organization.entity';
import { OrganizationPolicy } from '../organization.policy';
import { RegionsService } from '../regions.service';

/** User directory for administrators: the platform's across organisations, an org admin's for its own. Never the password hash. */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regions: RegionsService,
    private readonly auth: AuthService,
  ) {}

  /** Platform admins only (the route says so): every user, filtered. */
  async list(query: UserQueryDto): Promise<UserPageDto> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.regionCode) {
      this.regions.require(query.regionCode);
      params.push(this.regions.under(query.regionCode).map((r) => r.code));
      where.push(`o.region_code = ANY($${params.length}::text[])`);
    }
    return this.page(where, params, query);
  }

  /** The users of one organisation, for its org admins and the platform. */
  async listOfOrganization(actor: Actor, organizationId: string, query: OrganizationUserQueryDto): Promise<UserPageDto> {
    const org = await this.dataSource.getRepository(Organization).findOneBy({ id: organizationId });
    if (!org || !OrganizationPolicy.canRead(actor, org)) throw DomainError.notFound('Organisation');
    if (!OrganizationPolicy.canManage(actor, org)) throw DomainError.forbidden('Only this organisation’s admins and the platform list its users');
    return this.page(['u.organization_id = $1'], [org.id], query);
  }

  private async page(where: string[], params: unknown[], query: OrganizationUserQueryDto): Promise<UserPageDto> {
    const filters = [...where];
    const values = [...params];
    if (query.role) {
      values.push(query.role);
      filters.push(`u.role = $${values.length}`);
    }
    if (query.q) {
      values.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const q = `$${values.length}`;
      filters.push(`(u.email ILIKE ${q} OR u.display_name ILIKE ${q} OR o.name ILIKE ${q})`);
    }
    const from = `FROM users u JOIN organizations o ON o.id = u.organization_id ${filters.length ? `WHERE ${filters.join(' AND ')}` : ''}`;
    const pageSize = query.pageSize ?? 20;
    const offset = ((query.page ?? 1) - 1) * pageSize;
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total ${from}`, values)) as { total: number }[];
    const rows = (await this.dataSource.query(
      `SELECT u.id, u.email, u.display_name, u.role, u.is_org_admin, u.status, u.must_reset_password, u.organization_id, o.name AS organization_name, o.region_code, u.created_at
         ${from} ORDER BY u.created_at DESC, u.id LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, pageSize, offset],
    )) as UserRow[];
    // Sessions are auth's: it answers when each user of the page last signed in.
    const lastSignIns = await this.auth.lastSignIns(this.dataSource.manager, rows.map((r) => r.id));
    return { items: rows.map((r) => toUserSummaryDto(r, lastSignIns.get(r.id) ?? null)), total };
  }
}

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  role: string;
  is_org_admin: boolean;
  status: string;
  must_reset_password: boolean;
  organization_id: string;
  organization_name: string;
  region_code: string;
  created_at: Date;
}

function toUserSummaryDto(r: UserRow, lastLoginAt: Date | null): UserSummaryDto {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role,
    isOrgAdmin: r.is_org_admin,
    status: r.status,
    credentialResetPending: r.must_reset_password,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    regionCode: r.region_code,
    createdAt: r.created_at.toISOString(),
    lastLoginAt: lastLoginAt ? lastLoginAt.toISOString() : null,
  };
}
