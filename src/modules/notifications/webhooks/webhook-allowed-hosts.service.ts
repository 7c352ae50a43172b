import { Injectable } from '@nestjs/common';
import { isIP } from 'node:net';
import { DataSource } from 'typeorm';
import { Actor, isPlatformAdmin } from '../../../platform/context/actor';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError, ErrorCode } from '../../../platform/errors/domain-error';
import { AddAllowedHostDto, AllowedHostDto } from './dto/webhook.dto';
import { classifyAddress, normaliseHost } from './webhook-address';

interface AllowedHostRow {
  host: string;
  note: string;
  created_by: string | null;
  created_at: Date;
}

const toDto = (r: AllowedHostRow): AllowedHostDto => ({ host: r.host, note: r.note, createdBy: r.created_by, createdAt: r.created_at.toISOString() });

/**
 * Hosts that webhooks may reach although they resolve to internal addresses (docs/security.md,
 * "Outbound calls"). Platform admins only; every change is audited. Checked at creation and again
 * at every delivery, so removing a host stops deliveries to it at once.
 */
@Injectable()
export class WebhookAllowedHostsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async isAllowed(host: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM webhook_allowed_hosts WHERE host = $1`, [normaliseHost(host)])) as unknown[];
    return rows.length > 0;
  }

  async list(actor: Actor): Promise<AllowedHostDto[]> {
    this.assertAdmin(actor);
    const rows = (await this.dataSource.query(`SELECT host, note, created_by, created_at FROM webhook_allowed_hosts ORDER BY host`)) as AllowedHostRow[];
    return rows.map(toDto);
  }

  async add(actor: Actor, dto: AddAllowedHostDto): Promise<AllowedHostDto> {
    this.assertAdmin(actor);
    const host = normaliseHost(dto.host);
    if (isIP(host) && classifyAddress(host).metadata) throw DomainError.invalid('host', 'a cloud metadata address is never reachable by webhooks');
    if (!isIP(host) && host.includes(':')) throw DomainError.invalid('host', 'not a valid IPv6 address');
    return this.uow.run(async (tx) => {
      const [row] = (await tx.manager.query(
        `INSERT INTO webhook_allowed_hosts (host, note, created_by) VALUES ($1, $2, $3) ON CONFLICT (host) DO NOTHING RETURNING host, note, created_by, created_at`,
        [host, dto.note ?? '', actor.userId],
      )) as AllowedHostRow[];
      if (!row) throw new DomainError(ErrorCode.AlreadyExists, `${host} is already on the allow-list`, [{ field: 'host', message: 'already on the allow-list' }]);
      tx.audit({ action: 'webhook.allowed_host.added', subjectType: 'webhook_allowed_host', subjectId: host, after: { host, note: row.note } });
      return toDto(row);
    });
  }

  async remove(actor: Actor, rawHost: string): Promise<AllowedHostDto> {
    this.assertAdmin(actor);
    const host = normaliseHost(rawHost);
    return this.uow.run(async (tx) => {
      const [rows] = (await tx.manager.query(`DELETE FROM webhook_allowed_hosts WHERE host = $1 RETURNING host, note, created_by, created_at`, [host])) as [AllowedHostRow[], number];
      if (!rows.length) throw DomainError.notFound('Allowed host');
      tx.audit({ action: 'webhook.allowed_host.removed', subjectType: 'webhook_allowed_host', subjectId: host, before: { host, note: rows[0].note } });
      return toDto(rows[0]);
    });
  }

  private assertAdmin(actor: Actor): void {
    if (!isPlatformAdmin(actor)) throw DomainError.forbidden('Only platform admins manage the webhook allow-list');
  }
}
