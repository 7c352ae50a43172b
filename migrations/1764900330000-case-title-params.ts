import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An approval case keeps its title's values (owner: approvals; packages/shared/case-title.ts): numbers and names,
 * which the portal and the e-mails put into the words of the reader's language (`caseTitle.<subjectType>`).
 *
 * Existing cases get their values from their subjects, but only where the 简体 words with those values give the
 * stored title exactly (a subject renamed since the case opened keeps its stored title, shown as it is to everyone).
 * The templates below are label-messages.ts's `caseTitle.*` zh words as of this migration.
 */
const BACKFILL: { subjectType: string; params: string; title: string; from: string }[] = [
  {
    subjectType: 'voucher_application',
    params: `jsonb_build_object('number', s.number, 'org', o.name)`,
    title: `'创新券申领 ' || s.number || '：' || o.name`,
    from: `voucher_applications s JOIN organizations o ON o.id = s.enterprise_id WHERE s.id::text = c.subject_id`,
  },
  {
    subjectType: 'provider_admission',
    params: `jsonb_build_object('org', o.name)`,
    title: `'服务机构入驻：' || o.name`,
    from: `organizations o WHERE o.id::text = c.subject_id`,
  },
  {
    subjectType: 'roadshow_project',
    params: `jsonb_build_object('number', s.number, 'project', s.title, 'org', o.name)`,
    title: `'路演项目筛选 ' || s.number || '：' || s.title || '（' || o.name || '）'`,
    from: `roadshow_projects s JOIN organizations o ON o.id = s.enterprise_id WHERE s.id::text = c.subject_id`,
  },
  {
    subjectType: 'redemption_claim',
    params: `jsonb_build_object('number', s.number, 'provider', p.name, 'enterprise', e.name)`,
    title: `'兑付申请 ' || s.number || '：' || p.name || ' → ' || e.name`,
    from: `redemption_claims s JOIN read_order_parties r ON r.order_id = s.order_id JOIN organizations p ON p.id = r.provider_id
           JOIN organizations e ON e.id = r.enterprise_id WHERE s.id::text = c.subject_id`,
  },
  {
    subjectType: 'qualification_verification',
    params: `jsonb_build_object('org', o.name, 'kindName', COALESCE(k.name_zh, s.kind), 'kindNameEn', COALESCE(k.name_en, k.name_zh, s.kind), 'certificateNo', s.certificate_no)`,
    title: `'资质核验：' || o.name || ' ' || COALESCE(k.name_zh, s.kind) || ' ' || s.certificate_no`,
    from: `enterprise_qualifications s JOIN organizations o ON o.id = s.organization_id LEFT JOIN qualification_kinds k ON k.code = s.kind
           WHERE s.id::text = c.subject_id`,
  },
  {
    subjectType: 'controller_group_change',
    params: `jsonb_strip_nulls(jsonb_build_object('action', s.action, 'org', o.name, 'group', g.name))`,
    title: `'实际控制人关系变更（' || CASE s.action WHEN 'join' THEN '加入' WHEN 'leave' THEN '退出' ELSE '新设' END || '）：' || o.name || COALESCE(' · ' || g.name, '')`,
    from: `controller_group_change_requests s JOIN organizations o ON o.id = s.enterprise_id
           LEFT JOIN LATERAL (SELECT CASE s.action WHEN 'create' THEN s.new_group_name
                                     WHEN 'join' THEN (SELECT name FROM controller_groups WHERE id = s.target_group_id)
                                     ELSE (SELECT name FROM controller_groups WHERE id = s.from_group_id) END AS name) g ON true
           WHERE s.id::text = c.subject_id`,
  },
];

export class CaseTitleParams1764900330000 implements MigrationInterface {
  name = 'CaseTitleParams1764900330000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE approval_cases ADD COLUMN title_params jsonb CHECK (title_params IS NULL OR jsonb_typeof(title_params) = 'object')`);
    for (const b of BACKFILL) {
      await q.query(
        `UPDATE approval_cases c SET title_params = x.params
           FROM approval_cases c2 CROSS JOIN LATERAL (SELECT ${b.params} AS params, ${b.title} AS title FROM ${b.from.replace(/\bc\.subject_id\b/g, 'c2.subject_id')}) x
          WHERE c2.id = c.id AND c.subject_type = $1 AND x.title = c.title`,
        [b.subjectType],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE approval_cases DROP COLUMN title_params`);
  }
}
