import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Workflow and stage names in English (owner: approvals): a definition gets `name_en`, each stage in its JSON an
 * optional `nameEn`, and a task the stage's English name (`stage_name_en`) beside the Chinese one it copied when it
 * was made. Rows written before are filled from the built-in definitions (src/modules/approvals/workflow-definition.ts and the two
 * that earlier migrations install, written out here so this migration does not change when that file does) by workflow key + stage key, and only
 * where the stored Chinese name is still the built-in's: a stage an admin renamed keeps no English name rather than
 * a wrong one. An objection review's task carries the interrupted stage's name with a suffix (case-engine.service.ts).
 */
const BUILT_IN: { key: string; name: string; nameEn: string; stages: [key: string, name: string, nameEn: string][] }[] = [
  {
    key: 'voucher_application',
    name: '创新券申领审批',
    nameEn: 'Innovation voucher application approval',
    stages: [
      ['precheck', '自动预审', 'Automatic pre-check'],
      ['district_review', '区县科技局初审', 'District S&T bureau first review'],
      ['city_approval', '市科技局审批', 'City S&T bureau approval'],
    ],
  },
  {
    key: 'redemption_claim',
    name: '创新券兑付审批',
    nameEn: 'Innovation voucher redemption approval',
    stages: [
      ['precheck', '自动预审', 'Automatic pre-check'],
      ['district_review', '区县科技局审核', 'District S&T bureau review'],
      ['city_approval', '市科技局审批', 'City S&T bureau approval'],
    ],
  },
  {
    key: 'provider_admission',
    name: '服务机构入驻审核',
    nameEn: 'Service provider admission review',
    stages: [
      ['precheck', '资质自动核验', 'Automatic qualification check'],
      ['admission_review', '入驻审核', 'Admission review'],
      ['public_notice', '公示（7天）', 'Public notice (7 days)'],
    ],
  },
  {
    key: 'roadshow_screening',
    name: '路演项目筛选',
    nameEn: 'Roadshow project screening',
    stages: [
      ['precheck', '材料自动预审', 'Automatic materials pre-check'],
      ['screening', '项目筛选', 'Project screening'],
    ],
  },
  // Installed by migrations 1764900001000 and 1764900000000 rather than by the service.
  {
    key: 'qualification_verification',
    name: '企业资质核验',
    nameEn: 'Enterprise qualification verification',
    stages: [
      ['precheck', '自动核对（证书文件、有效期）', 'Automatic check (certificate file, validity)'],
      ['district_verification', '区县科技局资质核验', 'District S&T bureau qualification verification'],
    ],
  },
  {
    key: 'controller_group_change',
    name: '实际控制人关系变更审批',
    nameEn: 'Actual-controller group change approval',
    stages: [
      ['district_review', '区县科技局审核', 'District S&T bureau review'],
      ['city_approval', '市科技局审批', 'City S&T bureau approval'],
    ],
  },
];

const WORKFLOWS = JSON.stringify(BUILT_IN.map(({ key, name, nameEn }) => ({ key, name, name_en: nameEn })));
const STAGES = JSON.stringify(BUILT_IN.flatMap((w) => w.stages.map(([key, name, nameEn]) => ({ workflow_key: w.key, stage_key: key, name, name_en: nameEn }))));

export class WorkflowEnglishNames1764900300000 implements MigrationInterface {
  name = 'WorkflowEnglishNames1764900300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workflow_definitions ADD COLUMN name_en text CONSTRAINT workflow_definitions_name_en_not_blank CHECK (name_en IS NULL OR btrim(name_en) <> '')`);
    await q.query(`ALTER TABLE approval_tasks ADD COLUMN stage_name_en text CONSTRAINT approval_tasks_stage_name_en_not_blank CHECK (stage_name_en IS NULL OR btrim(stage_name_en) <> '')`);
    await q.query(
      `UPDATE workflow_definitions d SET name_en = w.name_en
         FROM jsonb_to_recordset($1::jsonb) AS w(key text, name text, name_en text)
        WHERE d.key = w.key AND d.name = w.name`,
      [WORKFLOWS],
    );
    // Stored stages: add nameEn where the stage is still the built-in one (and has none yet); order kept.
    await q.query(
      `UPDATE workflow_definitions d SET stages = (
          SELECT jsonb_agg(CASE WHEN b.name_en IS NULL OR e.stage ? 'nameEn' THEN e.stage ELSE e.stage || jsonb_build_object('nameEn', b.name_en) END ORDER BY e.i)
            FROM jsonb_array_elements(d.stages) WITH ORDINALITY AS e(stage, i)
            LEFT JOIN jsonb_to_recordset($1::jsonb) AS b(workflow_key text, stage_key text, name text, name_en text)
              ON b.workflow_key = d.key AND b.stage_key = e.stage->>'key' AND b.name = e.stage->>'name')
        WHERE d.key IN (SELECT DISTINCT workflow_key FROM jsonb_to_recordset($1::jsonb) AS k(workflow_key text))`,
      [STAGES],
    );
    await q.query(
      `UPDATE approval_tasks t
          SET stage_name_en = CASE WHEN t.kind = 'objection_review' THEN b.name_en || ' (objection review)' ELSE b.name_en END
         FROM approval_cases c, workflow_definitions d, jsonb_to_recordset($1::jsonb) AS b(workflow_key text, stage_key text, name text, name_en text)
        WHERE c.id = t.case_id AND d.id = c.definition_id AND d.key = b.workflow_key
          AND ((t.kind = 'review' AND t.stage_key = b.stage_key AND t.stage_name = b.name)
            OR (t.kind = 'objection_review' AND t.stage_key = b.stage_key || ':objection' AND t.stage_name = b.name || '（异议复核）'))`,
      [STAGES],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE approval_tasks DROP COLUMN stage_name_en`);
    await q.query(
      `UPDATE workflow_definitions d SET stages = (SELECT jsonb_agg(e.stage - 'nameEn' ORDER BY e.i) FROM jsonb_array_elements(d.stages) WITH ORDINALITY AS e(stage, i))
        WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(d.stages) AS s(stage) WHERE s.stage ? 'nameEn')`,
    );
    await q.query(`ALTER TABLE workflow_definitions DROP COLUMN name_en`);
  }
}
