import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../../platform/context/actor';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError, ErrorCode, FieldProblem } from '../../../platform/errors/domain-error';
import { PublishRubricDto, RubricDto } from './dto/review.dto';
import { RubricRow, toRubricDto } from './review.rows';

/** The rubric key screening rounds use: a round takes its active version when it opens. */
export const SCREENING_RUBRIC = 'default';

/**
 * 评分细则 scoring rubrics as data: criteria with whole-percent weights and a scale. Publishing makes a new version
 * and retires the active one; rounds keep the version they opened with, so a change never rescores a round.
 */
@Injectable()
export class RubricsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async list(): Promise<RubricDto[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM roadshow_rubrics ORDER BY key, version DESC`)) as RubricRow[];
    return rows.map(toRubricDto);
  }

  async publish(actor: Actor, dto: PublishRubricDto): Promise<RubricDto> {
    validateRubric(dto);
    return this.uow.run(async (tx) => {
      // Versions of one key are numbered under a transaction-scoped advisory lock: two publishers queue.
      await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('roadshow_rubrics:' || $1))`, [dto.key]);
      const [previous] = (await tx.manager.query(`SELECT * FROM roadshow_rubrics WHERE key = $1 AND is_active`, [dto.key])) as RubricRow[];
      await tx.manager.query(`UPDATE roadshow_rubrics SET is_active = false WHERE key = $1 AND is_active`, [dto.key]);
      const [row] = (await tx.manager.query(
        `INSERT INTO roadshow_rubrics (key, version, name, scale_min, scale_max, criteria, is_active, created_by)
         VALUES ($1, COALESCE((SELECT max(version) FROM roadshow_rubrics WHERE key = $1), 0) + 1, $2, $3, $4, $5, true, $6) RETURNING *`,
        [dto.key, dto.name.trim(), dto.scaleMin, dto.scaleMax, JSON.stringify(dto.criteria), actor.userId],
      )) as RubricRow[];
      tx.audit({
        action: 'roadshow_rubric.published',
        subjectType: 'roadshow_rubric',
        subjectId: row.id,
        organizationId: null,
        regionCode: null,
        before: previous ? { version: previous.version, criteria: previous.criteria } : null,
        after: { key: row.key, version: row.version, scale: [row.scale_min, row.scale_max], criteria: row.criteria },
      });
      return toRubricDto(row);
    });
  }

  /** The active version of `key`, for a round that opens now. */
  async active(manager: EntityManager, key = SCREENING_RUBRIC): Promise<RubricRow> {
    const [row] = (await manager.query(`SELECT * FROM roadshow_rubrics WHERE key = $1 AND is_active`, [key])) as RubricRow[];
    if (!row) throw DomainError.rule(`No active rubric "${key}"`);
    return row;
  }

  async byId(manager: EntityManager, id: string): Promise<RubricRow> {
    const [row] = (await manager.query(`SELECT * FROM roadshow_rubrics WHERE id = $1`, [id])) as RubricRow[];
    return row;
  }
}

/** Unique criterion keys, weights adding up to 100, a scale that goes up. */
export function validateRubric(dto: PublishRubricDto): void {
  const problems: FieldProblem[] = [];
  if (dto.scaleMax <= dto.scaleMin) problems.push({ field: 'scaleMax', message: 'must be above scaleMin' });
  const keys = new Set<string>();
  dto.criteria.forEach((c, i) => {
    if (keys.has(c.key)) problems.push({ field: `criteria[${i}].key`, message: `duplicate criterion "${c.key}"` });
    keys.add(c.key);
  });
  const total = dto.criteria.reduce((sum, c) => sum + c.weight, 0);
  if (total !== 100) problems.push({ field: 'criteria', message: `weights add up to ${total}, not 100` });
  if (problems.length > 0) throw new DomainError(ErrorCode.ValidationFailed, problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
}
