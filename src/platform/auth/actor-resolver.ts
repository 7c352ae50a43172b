import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, OrganizationKind, Role } from '../context/actor';
import { preparedQuery } from '../database/prepared-query';

interface ActorRow {
  user_id: string;
  role: Role;
  is_org_admin: boolean;
  user_status: string;
  organization_id: string;
  organization_kind: OrganizationKind;
  organization_status: string;
  region_code: string;
  region_scope: string[];
  revoked_at: Date | null;
  expires_at: Date;
}

/** The session with its user, organisation and region scope (ActorResolver.resolve). */
const ACTOR_OF_SESSION = `SELECT u.id AS user_id, u.role, u.is_org_admin, u.status AS user_status,
          o.id AS organization_id, o.kind AS organization_kind, o.status AS organization_status, o.region_code,
          ARRAY(SELECT r.code FROM read_regions r WHERE r.code = o.region_code
                 UNION SELECT r.code FROM read_regions r WHERE r.parent_code = o.region_code ORDER BY 1) AS region_scope,
          s.revoked_at, s.expires_at
     FROM auth_sessions s
     JOIN read_directory_users u ON u.id = s.user_id
     JOIN read_organizations o ON o.id = u.organization_id
    WHERE s.id = $1 AND s.user_id = $2`;

export type ActorResolution = { ok: true; actor: Actor } | { ok: false; reason: 'revoked' | 'disabled' | 'missing' };

/**
 * Resolves a session to an actor on every request, so that logout, a disabled user or a
 * suspended organisation take effect at once rather than when the access token expires.
 */
@Injectable()
export class ActorResolver {
  constructor(private readonly dataSource: DataSource) {}

  async resolve(sessionId: string, userId: string): Promise<ActorResolution> {
    // One query per request: the session with its user, organisation and region scope from the
    // directory read models organizations publishes (docs/architecture.md, "Read models"). The scope is
    // two index probes (a UNION, not an OR, which read every region).
    // Prepared: planning it (three views, the scope's UNION) cost several times running it, on every request.
    const [row] = await preparedQuery<ActorRow>(this.dataSource, 'auth_actor', ACTOR_OF_SESSION, [sessionId, userId]);
    if (!row) return { ok: false, reason: 'missing' };
    if (row.revoked_at || row.expires_at < new Date()) return { ok: false, reason: 'revoked' };
    if (row.user_status !== 'active' || row.organization_status === 'closed') return { ok: false, reason: 'disabled' };
    return {
      ok: true,
      actor: {
        userId: row.user_id,
        sessionId,
        role: row.role,
        isOrgAdmin: row.is_org_admin,
        organizationId: row.organization_id,
        organizationKind: row.organization_kind,
        regionCode: row.region_code,
        regionScope: row.region_scope,
      },
    };
  }
}
