import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * The programs module's published queries over `voucher_programs` for other modules (one owner
 * per table: docs/architecture.md, "Modules and their tables"). Every method takes the caller's
 * EntityManager, so a read inside a transaction stays in it.
 */
@Injectable()
export class ProgramQueries {
  /** Programmes whose redeem-by day is before `asOf` (a Shanghai date, YYYY-MM-DD). */
  async idsPastRedeemBy(manager: EntityManager, asOf: string): Promise<string[]> {
    const rows = (await manager.query(`SELECT id FROM voucher_programs WHERE redeem_by < $1`, [asOf])) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Programmes issued by the bureau of `regionCode`. */
  async idsIssuedBy(manager: EntityManager, regionCode: string): Promise<string[]> {
    const rows = (await manager.query(`SELECT id FROM voucher_programs WHERE issuing_region_code = $1`, [regionCode])) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /**
   * Name, year and annual group cap (null: none) of each programme found, under the policy version
   * in effect on `day`, newest year first, then by name (a group's cap usage).
   */
  async groupCaps(manager: EntityManager, programIds: readonly string[], day: string): Promise<{ id: string; name: string; nameEn: string | null; year: number; annualCapGroupFen: number | null }[]> {
    const rows = (await manager.query(
      `SELECT p.id, p.name, p.name_en, p.year,
              (SELECT (v.policy ->> 'annualCapGroupFen')::bigint FROM voucher_program_versions v
                WHERE v.program_id = p.id AND (v.effective_from <= $2 OR v.version_no = 1) ORDER BY v.version_no DESC LIMIT 1) AS cap
         FROM voucher_programs p WHERE p.id = ANY($1::uuid[]) ORDER BY p.year DESC, p.name`,
      [[...programIds], day],
    )) as { id: string; name: string; name_en: string | null; year: number; cap: string | null }[];
    return rows.map((r) => ({ id: r.id, name: r.name, nameEn: r.name_en, year: r.year, annualCapGroupFen: r.cap === null ? null : Number(r.cap) }));
  }

  /** The region whose bureau issues the programme's vouchers. */
  async issuingRegionCode(manager: EntityManager, programId: string): Promise<string> {
    const [row] = (await manager.query(`SELECT issuing_region_code FROM voucher_programs WHERE id = $1`, [programId])) as { issuing_region_code: string }[];
    return row.issuing_region_code;
  }
}
