import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OrganizationDirectory } from '../organizations/organization-directory';
import { VoucherProgram } from '../programs/program.entity';

export interface CapScope {
  scope: 'enterprise' | 'group';
  scopeId: string;
  capFen: number;
}

export type CapCheck = { ok: true; detail: CapHeadroom[] } | { ok: false; reason: string; detail: CapHeadroom[] };

export interface GroupUsage {
  programId: string;
  programName: string;
  year: number;
  capFen: number;
  usedFen: number;
  remainingFen: number;
  byEnterprise: { enterpriseId: string; enterpriseName: string; committedFen: number; vouchers: number; currentMember: boolean }[];
}

export interface CapHeadroom {
  scope: 'enterprise' | 'group';
  scopeId: string;
  capFen: number;
  usedFen: number;
  requestedFen: number;
}

/**
 * Annual caps per enterprise and per actual-controller group (同一实际控制人), counted on issued
 * face value in constrained counters (program_cap_usage: used ≤ cap). Issuance locks the counters
 * (enterprise, then group), so concurrent issuances across a group can never exceed its cap.
 */
@Injectable()
export class CapsService {
  constructor(private readonly directory: OrganizationDirectory) {}

  async scopes(manager: EntityManager, program: VoucherProgram, enterpriseId: string): Promise<CapScope[]> {
    const [org] = await this.directory.parties(manager, [enterpriseId]);
    const scopes: CapScope[] = [{ scope: 'enterprise', scopeId: enterpriseId, capFen: program.annualCapEnterpriseFen }];
    if (org?.controller_group_id) scopes.push({ scope: 'group', scopeId: org.controller_group_id, capFen: program.annualCapGroupFen });
    return scopes;
  }

  /** Headroom check without locks (submission, pre-checks). */
  async check(manager: EntityManager, program: VoucherProgram, enterpriseId: string, amountFen: number): Promise<CapCheck> {
    const detail: CapHeadroom[] = [];
    for (const s of await this.scopes(manager, program, enterpriseId)) {
      const [row] = (await manager.query(`SELECT used_fen FROM program_cap_usage WHERE program_id = $1 AND scope = $2 AND scope_id = $3`, [program.id, s.scope, s.scopeId])) as {
        used_fen: string;
      }[];
      detail.push({ scope: s.scope, scopeId: s.scopeId, capFen: s.capFen, usedFen: row ? Number(row.used_fen) : 0, requestedFen: amountFen });
    }
    const over = detail.find((d) => d.usedFen + d.requestedFen > d.capFen);
    return over
      ? { ok: false, reason: `The annual ${over.scope === 'group' ? 'actual-controller group' : 'enterprise'} cap of ${over.capFen} fen would be exceeded (${over.usedFen} fen already issued)`, detail }
      : { ok: true, detail };
  }

  /**
   * Locks the counters in a fixed order and checks them; call before debiting the budget.
   * First the enterprise row FOR SHARE: a change of its actual-controller group locks the same row
   * FOR UPDATE (ControllerGroupsService), so the group read here is the group the subsidy is
   * committed under until this transaction ends. Lock order: organisation → counters → budget → voucher.
   */
  async lockAndCheck(manager: EntityManager, program: VoucherProgram, enterpriseId: string, amountFen: number): Promise<CapCheck> {
    await this.directory.lockForShare(manager, enterpriseId);
    for (const s of await this.scopes(manager, program, enterpriseId)) {
      await manager.query(
        `INSERT INTO program_cap_usage (program_id, scope, scope_id, cap_fen) VALUES ($1, $2, $3, $4) ON CONFLICT (program_id, scope, scope_id) DO NOTHING`,
        [program.id, s.scope, s.scopeId, s.capFen],
      );
      await manager.query(`SELECT 1 FROM program_cap_usage WHERE program_id = $1 AND scope = $2 AND scope_id = $3 FOR UPDATE`, [program.id, s.scope, s.scopeId]);
    }
    return this.check(manager, program, enterpriseId, amountFen);
  }

  /**
   * A group's usage per programme: the locked counter (what issuance checks, and what the live
   * limits show) beside the committed vouchers it is made of, each attributed to the group it was
   * committed under, whatever the enterprise's group is today.
   */
  async groupUsage(manager: EntityManager, groupId: string): Promise<GroupUsage[]> {
    const counters = (await manager.query(
      `SELECT u.program_id, u.cap_fen, u.used_fen, p.name, p.year, p.annual_cap_group_fen
         FROM program_cap_usage u JOIN voucher_programs p ON p.id = u.program_id
        WHERE u.scope = 'group' AND u.scope_id = $1 ORDER BY p.year DESC, p.name`,
      [groupId],
    )) as { program_id: string; cap_fen: string; used_fen: string; name: string; year: number; annual_cap_group_fen: string }[];
    const committed = (await manager.query(
      `SELECT v.program_id, v.enterprise_id, o.name, o.controller_group_id, sum(v.face_value_fen)::bigint AS fen, count(*)::int AS vouchers
         FROM vouchers v JOIN organizations o ON o.id = v.enterprise_id
        WHERE v.controller_group_id = $1
        GROUP BY v.program_id, v.enterprise_id, o.name, o.controller_group_id ORDER BY o.name`,
      [groupId],
    )) as { program_id: string; enterprise_id: string; name: string; controller_group_id: string | null; fen: string; vouchers: number }[];
    return counters.map((c) => ({
      programId: c.program_id,
      programName: c.name,
      year: c.year,
      capFen: Number(c.annual_cap_group_fen),
      usedFen: Number(c.used_fen),
      remainingFen: Math.max(0, Number(c.annual_cap_group_fen) - Number(c.used_fen)),
      byEnterprise: committed
        .filter((v) => v.program_id === c.program_id)
        .map((v) => ({ enterpriseId: v.enterprise_id, enterpriseName: v.name, committedFen: Number(v.fen), vouchers: v.vouchers, currentMember: v.controller_group_id === groupId })),
    }));
  }

  async consume(manager: EntityManager, program: VoucherProgram, enterpriseId: string, amountFen: number): Promise<void> {
    for (const s of await this.scopes(manager, program, enterpriseId)) {
      await manager.query(`UPDATE program_cap_usage SET used_fen = used_fen + $4 WHERE program_id = $1 AND scope = $2 AND scope_id = $3`, [program.id, s.scope, s.scopeId, amountFen]);
    }
  }
}
