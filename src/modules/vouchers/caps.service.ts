import { Injectable } from '@nestjs/common';
import { shanghaiDate } from '../../platform/database/shanghai-date';
import { EntityManager } from 'typeorm';
import { OrganizationDirectory, OrganizationParty } from '../organizations/organization-directory';
import { ProgramQueries } from '../programs/program-queries';
import { ApplicantKind, ProgramPolicy } from '../programs/subsidy';
import { Voucher } from './voucher.entities';
import { FindingReason, findingReason, findingText } from '../../../packages/shared/finding-reasons';

export type CapScopeKind = 'enterprise' | 'team' | 'group';

export interface CapScope {
  scope: CapScopeKind;
  scopeId: string;
  /** Null: the policy has no such cap; the used amount is still counted. */
  capFen: number | null;
}

/** Who applies: an enterprise (possibly in an actual-controller group) or an innovation team. */
export interface Applicant {
  id: string;
  kind: ApplicantKind;
  controllerGroupId: string | null;
}

export type CapCheck = { ok: true; detail: CapHeadroom[] } | { ok: false; reason: string; code: FindingReason; detail: CapHeadroom[] };

export interface GroupUsage {
  programId: string;
  programName: string;
  programNameEn: string | null;
  year: number;
  capFen: number | null;
  usedFen: number;
  remainingFen: number | null;
  byEnterprise: { enterpriseId: string; enterpriseName: string; committedFen: number; vouchers: number; currentMember: boolean }[];
}

export interface CapHeadroom {
  scope: CapScopeKind;
  scopeId: string;
  capFen: number | null;
  usedFen: number;
  requestedFen: number;
}


/** What is left under a cap; null when there is no cap. */
export function headroom(d: Pick<CapHeadroom, 'capFen' | 'usedFen'>): number | null {
  return d.capFen === null ? null : Math.max(0, d.capFen - d.usedFen);
}

/**
 * Annual caps per enterprise, per innovation team and per actual-controller group (同一实际控制人),
 * counted on committed subsidy in counters (program_cap_usage: used ≤ cap when there is a cap).
 * The counters follow the ledger (docs/policies.md, "Caps follow the ledger"): issuance adds the
 * committed face value; every movement that returns a voucher's money to the budget (expiry,
 * revocation, a hold released after either, a recovered claw-back) subtracts it in the same
 * transaction, so headroom comes back at once. Issuance locks the counters (applicant, then group).
 */
@Injectable()
export class CapsService {
  constructor(
    private readonly directory: OrganizationDirectory,
    private readonly programQueries: ProgramQueries,
  ) {}

  /** The applicant an organisation is: a team is an organisation of kind 'team'; only enterprises have groups. */
  async applicant(manager: EntityManager, organizationId: string): Promise<Applicant> {
    const [org] = await this.directory.parties(manager, [organizationId]);
    return this.applicantOf(organizationId, org);
  }

  /** The same from the organisation's directory row, when the caller has already read it. */
  applicantOf(organizationId: string, org: OrganizationParty | undefined): Applicant {
    const kind: ApplicantKind = (org?.kind as string) === 'team' ? 'team' : 'enterprise';
    return { id: organizationId, kind, controllerGroupId: kind === 'enterprise' ? (org?.controller_group_id ?? null) : null };
  }

  scopes(policy: ProgramPolicy, applicant: Applicant): CapScope[] {
    if (applicant.kind === 'team') return [{ scope: 'team', scopeId: applicant.id, capFen: policy.annualCapTeamFen }];
    const scopes: CapScope[] = [{ scope: 'enterprise', scopeId: applicant.id, capFen: policy.annualCapEnterpriseFen }];
    if (applicant.controllerGroupId) scopes.push({ scope: 'group', scopeId: applicant.controllerGroupId, capFen: policy.annualCapGroupFen });
    return scopes;
  }

  /** Headroom check without locks (submission, pre-checks, the limits a form shows). */
  async check(manager: EntityManager, programId: string, policy: ProgramPolicy, applicant: Applicant, amountFen: number): Promise<CapCheck> {
    const detail: CapHeadroom[] = [];
    for (const s of this.scopes(policy, applicant)) {
      const [row] = (await manager.query(`SELECT used_fen FROM program_cap_usage WHERE program_id = $1 AND scope = $2 AND scope_id = $3`, [programId, s.scope, s.scopeId])) as {
        used_fen: string;
      }[];
      detail.push({ scope: s.scope, scopeId: s.scopeId, capFen: s.capFen, usedFen: row ? Number(row.used_fen) : 0, requestedFen: amountFen });
    }
    const over = detail.find((d) => d.capFen !== null && d.usedFen + d.requestedFen > d.capFen);
    if (!over) return { ok: true, detail };
    const code = findingReason('annual_cap_exceeded', { scope: over.scope, capFen: over.capFen!, usedFen: over.usedFen, requestedFen: over.requestedFen, leftFen: headroom(over)! });
    return { ok: false, reason: findingText(code), code, detail };
  }

  /**
   * Locks the counters in a fixed order and checks them; call before debiting the budget.
   * First the applicant's row FOR SHARE: a change of its actual-controller group locks the same row
   * FOR UPDATE (ControllerGroupsService), so the group read here is the group the subsidy is
   * committed under until this transaction ends. Lock order: organisation → counters → budget → voucher.
   */
  async lockAndCheck(manager: EntityManager, programId: string, policy: ProgramPolicy, organizationId: string, amountFen: number): Promise<CapCheck & { applicant: Applicant }> {
    await this.directory.lockForShare(manager, organizationId);
    const applicant = await this.applicant(manager, organizationId);
    for (const s of this.scopes(policy, applicant)) await this.lockCounter(manager, programId, s);
    return { ...(await this.check(manager, programId, policy, applicant, amountFen)), applicant };
  }

  private async lockCounter(manager: EntityManager, programId: string, s: Pick<CapScope, 'scope' | 'scopeId'>): Promise<void> {
    await manager.query(`INSERT INTO program_cap_usage (program_id, scope, scope_id, cap_fen) VALUES ($1, $2, $3, NULL) ON CONFLICT (program_id, scope, scope_id) DO NOTHING`, [
      programId,
      s.scope,
      s.scopeId,
    ]);
    await manager.query(`SELECT 1 FROM program_cap_usage WHERE program_id = $1 AND scope = $2 AND scope_id = $3 FOR UPDATE`, [programId, s.scope, s.scopeId]);
  }

  /**
   * A group's usage per programme: the locked counter (what issuance checks, and what the live
   * limits show) beside the committed vouchers it is made of, each attributed to the group it was
   * committed under, whatever the enterprise's group is today.
   */
  async groupUsage(manager: EntityManager, groupId: string): Promise<GroupUsage[]> {
    const counters = (await manager.query(`SELECT program_id, used_fen FROM program_cap_usage WHERE scope = 'group' AND scope_id = $1`, [groupId])) as {
      program_id: string;
      used_fen: string;
    }[];
    const usedFen = new Map(counters.map((c) => [c.program_id, Number(c.used_fen)]));
    // One counter per programme (its unique key), listed in the order of the programmes: newest year first, then by name.
    const programs = await this.programQueries.groupCaps(manager, [...usedFen.keys()], shanghaiDate());
    // Enterprise names and today's groups from the organisations read model.
    const committed = (await manager.query(
      `SELECT v.program_id, v.enterprise_id, o.name, o.controller_group_id, sum(v.face_value_fen - v.released_fen)::bigint AS fen, count(*)::int AS vouchers
         FROM vouchers v JOIN read_organizations o ON o.id = v.enterprise_id
        WHERE v.controller_group_id = $1
        GROUP BY v.program_id, v.enterprise_id, o.name, o.controller_group_id ORDER BY o.name`,
      [groupId],
    )) as { program_id: string; enterprise_id: string; name: string; controller_group_id: string | null; fen: string; vouchers: number }[];
    return programs.map((p) => {
      const used = usedFen.get(p.id) ?? 0;
      return {
        programId: p.id,
        programName: p.name,
        programNameEn: p.nameEn,
        year: p.year,
        capFen: p.annualCapGroupFen,
        usedFen: used,
        remainingFen: headroom({ capFen: p.annualCapGroupFen, usedFen: used }),
        byEnterprise: committed
          .filter((v) => v.program_id === p.id)
          .map((v) => ({ enterpriseId: v.enterprise_id, enterpriseName: v.name, committedFen: Number(v.fen), vouchers: v.vouchers, currentMember: v.controller_group_id === groupId })),
      };
    });
  }

  /** Issuance: the committed amount counts against every scope, each counter remembering the cap it was checked against. */
  async consume(manager: EntityManager, programId: string, policy: ProgramPolicy, applicant: Applicant, amountFen: number): Promise<void> {
    for (const s of this.scopes(policy, applicant)) {
      await manager.query(`UPDATE program_cap_usage SET used_fen = used_fen + $4, cap_fen = $5 WHERE program_id = $1 AND scope = $2 AND scope_id = $3`, [programId, s.scope, s.scopeId, amountFen, s.capFen]);
    }
  }

  /**
   * Money of `voucher` returned to the budget: the scopes it was committed under (its applicant,
   * and the group it was issued under, whatever the group is today) get the headroom back. Call
   * before the ledger movement credits the budget, keeping the lock order counters → budget.
   */
  async release(manager: EntityManager, voucher: Pick<Voucher, 'id' | 'programId' | 'enterpriseId' | 'applicantKind' | 'controllerGroupId'>, amountFen: number): Promise<void> {
    if (amountFen <= 0) return;
    // The voucher's own share of it first (lock order voucher → counters → budget, as revocation takes them).
    await manager.query(`UPDATE vouchers SET released_fen = released_fen + $2 WHERE id = $1`, [voucher.id, amountFen]);
    const scopes: Pick<CapScope, 'scope' | 'scopeId'>[] = [{ scope: voucher.applicantKind === 'team' ? 'team' : 'enterprise', scopeId: voucher.enterpriseId }];
    if (voucher.controllerGroupId) scopes.push({ scope: 'group', scopeId: voucher.controllerGroupId });
    for (const s of scopes) {
      await manager.query(`UPDATE program_cap_usage SET used_fen = used_fen - $4 WHERE program_id = $1 AND scope = $2 AND scope_id = $3`, [voucher.programId, s.scope, s.scopeId, amountFen]);
    }
  }
}
