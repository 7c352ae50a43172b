import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { VoucherProgram } from '../programs/program.entity';

export interface CapScope {
  scope: 'enterprise' | 'group';
  scopeId: string;
  capFen: number;
}

export type CapCheck = { ok: true; detail: CapHeadroom[] } | { ok: false; reason: string; detail: CapHeadroom[] };

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
  async scopes(manager: EntityManager, program: VoucherProgram, enterpriseId: string): Promise<CapScope[]> {
    const [org] = (await manager.query(`SELECT controller_group_id FROM organizations WHERE id = $1`, [enterpriseId])) as { controller_group_id: string | null }[];
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

  /** Locks the counters in a fixed order and checks them; call before debiting the budget. */
  async lockAndCheck(manager: EntityManager, program: VoucherProgram, enterpriseId: string, amountFen: number): Promise<CapCheck> {
    for (const s of await this.scopes(manager, program, enterpriseId)) {
      await manager.query(
        `INSERT INTO program_cap_usage (program_id, scope, scope_id, cap_fen) VALUES ($1, $2, $3, $4) ON CONFLICT (program_id, scope, scope_id) DO NOTHING`,
        [program.id, s.scope, s.scopeId, s.capFen],
      );
      await manager.query(`SELECT 1 FROM program_cap_usage WHERE program_id = $1 AND scope = $2 AND scope_id = $3 FOR UPDATE`, [program.id, s.scope, s.scopeId]);
    }
    return this.check(manager, program, enterpriseId, amountFen);
  }

  async consume(manager: EntityManager, program: VoucherProgram, enterpriseId: string, amountFen: number): Promise<void> {
    for (const s of await this.scopes(manager, program, enterpriseId)) {
      await manager.query(`UPDATE program_cap_usage SET used_fen = used_fen + $4 WHERE program_id = $1 AND scope = $2 AND scope_id = $3`, [program.id, s.scope, s.scopeId, amountFen]);
    }
  }
}
