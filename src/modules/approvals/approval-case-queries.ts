import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * The approvals module's published queries over `approval_cases` for other modules, e.g. the
 * approval subjects (one owner per table: docs/architecture.md, "Modules and their tables").
 * Every method takes the caller's EntityManager, so a read inside a transaction stays in it.
 * Sweeps that look for subjects without a case read the `read_approval_cases` view instead.
 */
@Injectable()
export class ApprovalCaseQueries {
  /** When the case's current timer stage ends (the public notice's end), or null outside a timer. */
  async timerDueAt(manager: EntityManager, caseId: string): Promise<Date | null> {
    const [row] = (await manager.query(`SELECT timer_due_at FROM approval_cases WHERE id = $1`, [caseId])) as { timer_due_at: Date | null }[];
    return row?.timer_due_at ?? null;
  }

  /** The open review task of a case's revision (its first, by stage), or null: for a subject that decides through its own route. */
  async openTaskId(manager: EntityManager, caseId: string, revision: number): Promise<string | null> {
    const [row] = (await manager.query(`SELECT id FROM approval_tasks WHERE case_id = $1 AND revision = $2 AND status = 'open' ORDER BY stage_index LIMIT 1`, [caseId, revision])) as { id: string }[];
    return row?.id ?? null;
  }
}
