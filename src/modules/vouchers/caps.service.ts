import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OrganizationDirectory } from '../organizations/organization-directory';
import { VoucherProgram } from '../programs/program.entity';
import { ProgramQueries } from '../programs/program-queries';

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
  constructor(
    private readonly directory: OrganizationDirectory,
    private readonly programQueries: ProgramQueries,
  ) {}

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
    const counters = (await manager.query(`SELECT program_id, used_fen FROM program_cap_usage WHERE scope = 'group' AND scope_id = $1`, [groupId])) as {
      program_id: string;
      used_fen: string;
    }[];
    const usedFen = new Map(counters.map((c) => [c.program_id, Number(c.used_fen)]));
    // One counter per programme (its unique key), listed in the order of the programmes: newest year first, then by name.
    const programs = await this.programQueries.groupCaps(manager, [...usedFen.keys()]);
    // Enterprise names and today's groups from the organisations read model.
    const committed = (await manager.query(
      `SELECT v.program_id, v.enterprise_id, o.name, o.controller_group_id, sum(v.face_value_fen)::bigint AS fen, count(*)::int AS vouchers
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
        year: p.year,
        capFen: p.annualCapGroupFen,
        usedFen: used,
        remainingFen: Math.max(0, p.annualCapGroupFen - used),
        byEnterprise: committed
          .filter((v) => v.program_id === p.id)
          .map((v) => ({ enterpriseId: v.enterprise_id, enterpriseName: v.name, committedFen: Number(v.fen), vouchers: v.vouchers, currentMember: v.controller_group_id === groupId })),
      };
    });
  }

  async consume(manager: EntityManager, program: VoucherProgram, enterpriseId: string, amountFen: number): Promise<void> {
    for (const s of await this.scopes(manager, program, enterpriseId)) {
      await manager.query(`UPDATE program_cap_usage SET used_fen = used_fen + $4 WHERE program_id = $1 AND scope = $2 AND scope_id = $3`, [program.id, s.scope, s.scopeId, amountFen]);
    }
  }
}
