import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * City organisers screen their own city's projects (issue 18; owner: roadshows review). The roadshow_screening
 * stage is decided by the platform admin or a roadshow organiser, scoped to the case's city, which for a roadshow
 * project is now its own G60 city (src/modules/roadshows/review/screening-city.ts).
 * - A deployment still on the seeded stage (platform admin only, platform scope) gets a new version with the new
 *   stage after an automatic pre-check stage (deck, team, region: findings for the organisers, never a verdict), active; one whose admins published their own stays as it is. A fresh database gets the new stage from
 *   the seeded definitions at start.
 * - Open screening tasks move to the project's G60 city (the region itself when it is one, else its parent when
 *   that is one; otherwise they stay with the centre alone), with the organisers among their deciders.
 */
export class CityScreening1764900220100 implements MigrationInterface {
  name = 'CityScreening1764900220100';

  async up(q: QueryRunner): Promise<void> {
    const precheck = { key: 'precheck', name: '材料自动预审', kind: 'precheck' };
    const stage = { key: 'screening', name: '项目筛选', kind: 'review', deciderRoles: ['platform_admin', 'roadshow_organiser'], regionScope: 'subject_city', sla: { durationSeconds: 7 * 86_400, remindAtFraction: 0.5 } };
    const [old] = (await q.query(
      `SELECT id, key, version, name, subject_type, auto_approve_below_fen FROM workflow_definitions
        WHERE key = 'roadshow_screening' AND is_active
          AND jsonb_array_length(stages) = 1 AND stages -> 0 ->> 'regionScope' = 'platform' AND stages -> 0 -> 'deciderRoles' = '["platform_admin"]'::jsonb`,
    )) as { id: string; key: string; name: string; subject_type: string; auto_approve_below_fen: string | null }[];
    if (old) {
      await q.query(`UPDATE workflow_definitions SET is_active = false WHERE id = $1`, [old.id]);
      await q.query(
        `INSERT INTO workflow_definitions (key, version, name, subject_type, stages, auto_approve_below_fen, is_active)
         SELECT $1, max(version) + 1, $2, $3, $4::jsonb, $5, true FROM workflow_definitions WHERE key = $1`,
        [old.key, old.name, old.subject_type, JSON.stringify([precheck, stage]), old.auto_approve_below_fen],
      );
    }
    await q.query(`
      WITH city AS (
        SELECT c.id AS case_id,
               CASE WHEN r.is_g60 THEN r.code WHEN pr.is_g60 THEN pr.code END AS code
          FROM approval_cases c
          JOIN roadshow_projects p ON p.id::text = c.subject_id
          JOIN regions r ON r.code = p.region_code
          LEFT JOIN regions pr ON pr.code = r.parent_code
         WHERE c.subject_type = 'roadshow_project'
      ), cases AS (
        UPDATE approval_cases c SET city_code = city.code FROM city WHERE c.id = city.case_id AND city.code IS NOT NULL RETURNING c.id, c.city_code
      )
      UPDATE approval_tasks t SET decider_roles = ARRAY['platform_admin', 'roadshow_organiser'], region_code = cases.city_code
        FROM cases WHERE t.case_id = cases.id AND t.stage_key = 'screening' AND t.status = 'open'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE approval_tasks t SET decider_roles = ARRAY['platform_admin'], region_code = NULL
                     FROM approval_cases c WHERE c.id = t.case_id AND c.subject_type = 'roadshow_project' AND t.stage_key = 'screening' AND t.status = 'open'`);
    // The new definition version stays (cases may point at it); an admin publishes another if wanted.
  }
}
