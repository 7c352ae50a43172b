import { DataSource } from 'typeorm';
import { AUDIT_CONTENT_COLUMNS, AuditRowContent, auditRowHash, GENESIS_HASH } from './audit-hash';
import { sealAuditEvents, UnsealedAuditEvents, unsealedAuditEvents } from './audit-sealer';

interface Row extends AuditRowContent {
  seq: string;
  prev_hash: string;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  headSeq: number | null;
  problems: { seq: number; problem: string }[];
  /** Rows written but not chained yet: counted, not checked, and not a problem. */
  unsealed: UnsealedAuditEvents;
}

const PAGE = 5000;

/**
 * Seals what can be sealed, then walks the whole sealed chain: seq must run 1,2,3… without gaps,
 * each prev_hash must equal the previous row's hash, and each hash must match the row's content.
 * Any edit or deletion of a sealed row (short of rewriting every later row, which needs the chain
 * to be recomputed) shows up. Rows not sealed yet (their writer, or an older transaction in the
 * cluster, is still running) are only counted.
 */
export async function verifyAuditChain(dataSource: DataSource, maxProblems = 100): Promise<AuditVerification> {
  await sealAuditEvents(dataSource, { wait: true });
  const problems: { seq: number; problem: string }[] = [];
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let headSeq: number | null = null;
  for (;;) {
    const rows = (await dataSource.query(
      `SELECT seq, ${AUDIT_CONTENT_COLUMNS}, prev_hash, hash
         FROM audit_events WHERE seq >= $1 ORDER BY seq LIMIT ${PAGE}`,
      [expectedSeq],
    )) as Row[];
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) problems.push({ seq: expectedSeq, problem: `missing rows ${expectedSeq}..${seq - 1}` });
      if (row.prev_hash !== prevHash) problems.push({ seq, problem: 'prev_hash does not match the previous row' });
      const recomputed = auditRowHash(row, seq, row.prev_hash);
      if (recomputed !== row.hash) problems.push({ seq, problem: 'content does not match its hash (row was altered)' });
      prevHash = row.hash;
      expectedSeq = seq + 1;
      headSeq = seq;
      checked += 1;
      if (problems.length >= maxProblems) return { ok: false, checked, headSeq, problems, unsealed: await unsealedAuditEvents(dataSource) };
    }
  }
  return { ok: problems.length === 0, checked, headSeq, problems, unsealed: await unsealedAuditEvents(dataSource) };
}
