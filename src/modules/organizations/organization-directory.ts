import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The columns other modules read to describe a party to an order, claim or case. */
export interface OrganizationParty {
  id: string;
  kind: string;
  name: string;
  uscc: string | null;
  region_code: string;
  status: string;
  admission_status: string | null;
  controller_group_id: string | null;
  /** Innovation teams only (kind 'team'): the hosting enterprise or provider, or null. */
  host_organization_id: string | null;
}

/** An organisation's kind, region and admission status (null unless a provider). */
export interface OrganizationAdmission {
  id: string;
  kind: string;
  regionCode: string;
  admissionStatus: string | null;
}

/**
 * The organizations module's published queries over `organizations` and `users` for other modules
 * (one owner per table: docs/architecture.md, "Modules and their tables"). Every method takes the
 * caller's EntityManager, so a read inside a transaction stays in it.
 */
@Injectable()
export class OrganizationDirectory {
  /** Active users of an organisation, the people its notifications go to. */
  async activeUserIds(manager: EntityManager, organizationId: string): Promise<string[]> {
    const rows = (await manager.query(`SELECT id FROM users WHERE organization_id = $1 AND status = 'active'`, [organizationId])) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Active users of any of `organizationIds`, ordered by id. */
  async activeUserIdsOfAny(manager: EntityManager, organizationIds: readonly string[]): Promise<string[]> {
    const rows = (await manager.query(`SELECT id FROM users WHERE organization_id = ANY($1::uuid[]) AND status = 'active' ORDER BY id`, [[...organizationIds]])) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Active users holding one of `roles` in organisations of `regionCode`, except `exceptUserId`, by id. */
  async activeUserIdsWithRole(manager: EntityManager, roles: readonly string[], regionCode: string, exceptUserId: string): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT u.id FROM users u JOIN organizations o ON o.id = u.organization_id
        WHERE u.role = ANY($1::text[]) AND o.region_code = $2 AND u.status = 'active' AND u.id <> $3 ORDER BY u.id`,
      [[...roles], regionCode, exceptUserId],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /**
   * Locks an enterprise row FOR SHARE: the first lock of an issuance, so the actual-controller group
   * read after it holds until commit (a group change locks the row FOR UPDATE). Money lock order in
   * docs/architecture.md.
   */
  async lockForShare(manager: EntityManager, organizationId: string): Promise<void> {
    await manager.query(`SELECT 1 FROM organizations WHERE id = $1 FOR SHARE`, [organizationId]);
  }

  /**
   * Locks an organisation row FOR SHARE and returns what decides whether it may list services (kind,
   * admission status) and its region; undefined when there is none. A provider listing a service holds
   * it until commit, so a suspension (which locks the row FOR UPDATE) cannot interleave.
   */
  async lockAdmissionForShare(manager: EntityManager, organizationId: string): Promise<OrganizationAdmission | undefined> {
    const [org] = (await manager.query(`SELECT id, kind, region_code, admission_status FROM organizations WHERE id = $1 FOR SHARE`, [organizationId])) as {
      id: string;
      kind: string;
      region_code: string;
      admission_status: string | null;
    }[];
    return org && { id: org.id, kind: org.kind, regionCode: org.region_code, admissionStatus: org.admission_status };
  }

  /** The ids among `userIds` that are users (each once, ordered by id). */
  async existingUserIds(manager: EntityManager, userIds: readonly string[]): Promise<string[]> {
    const rows = (await manager.query(`SELECT id FROM users WHERE id = ANY($1::uuid[]) ORDER BY id`, [[...userIds]])) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Region code of each organisation found, by id. */
  async regionCodes(manager: EntityManager, organizationIds: readonly string[]): Promise<Map<string, string>> {
    const rows = (await manager.query(`SELECT id, region_code FROM organizations WHERE id = ANY($1::uuid[])`, [[...organizationIds]])) as { id: string; region_code: string }[];
    return new Map(rows.map((r) => [r.id, r.region_code]));
  }

  /** The organisations found among `organizationIds`, with the columns a case or claim shows. */
  async parties(manager: EntityManager, organizationIds: readonly string[]): Promise<OrganizationParty[]> {
    return (await manager.query(
      `SELECT id, kind, name, uscc, region_code, status, admission_status, controller_group_id, host_organization_id FROM organizations WHERE id = ANY($1::uuid[])`,
      [[...organizationIds]],
    )) as OrganizationParty[];
  }

  /** Display name of each user found, by id. */
  async userDisplayNames(manager: EntityManager, userIds: readonly string[]): Promise<Map<string, string>> {
    const rows = (await manager.query(`SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])`, [[...userIds]])) as { id: string; display_name: string }[];
    return new Map(rows.map((u) => [u.id, u.display_name]));
  }

  /** Users found among `userIds`, with their organisation, role and status: who a reviewer or person responsible is. */
  async users(manager: EntityManager, userIds: readonly string[]): Promise<DirectoryUser[]> {
    const rows = (await manager.query(
      `SELECT u.id, u.display_name, u.role, u.status, u.organization_id, o.name AS organization_name FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.id = ANY($1::uuid[])`,
      [[...userIds]],
    )) as { id: string; display_name: string; role: string; status: string; organization_id: string; organization_name: string }[];
    return rows.map((r) => ({ id: r.id, displayName: r.display_name, role: r.role, status: r.status, organizationId: r.organization_id, organizationName: r.organization_name }));
  }
}

export interface DirectoryUser {
  id: string;
  displayName: string;
  role: string;
  status: string;
  organizationId: string;
  organizationName: string;
}
