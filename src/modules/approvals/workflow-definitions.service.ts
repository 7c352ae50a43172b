import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../../platform/context/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { DomainError } from '../../platform/errors/domain-error';
import { WorkflowDefinition } from './approval.entities';
import { ApprovalSubjectRegistry } from './approval-subject.registry';
import { toDefinitionDto } from './approval.mapper';
import { CreateDefinitionDto, DefinitionDto } from './dto/approval.dto';
import { SEEDED_DEFINITIONS, StageDefinition, validateDefinition } from './workflow-definition';

/**
 * Workflow definitions are data, versioned: publishing a key again creates the next version and
 * makes it the active one; running cases keep the version they started with.
 */
@Injectable()
export class WorkflowDefinitionsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(WorkflowDefinitionsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly subjects: ApprovalSubjectRegistry,
  ) {}

  /** Installs version 1 of each seeded workflow where the key has no version yet (any process may race). */
  async onApplicationBootstrap(): Promise<void> {
    for (const def of SEEDED_DEFINITIONS) {
      const inserted = (await this.dataSource.query(
        `INSERT INTO workflow_definitions (key, version, name, name_en, subject_type, stages, auto_approve_below_fen, is_active)
         SELECT $1, 1, $2, $6, $3, $4, $5, true WHERE NOT EXISTS (SELECT 1 FROM workflow_definitions WHERE key = $1)
         ON CONFLICT DO NOTHING RETURNING id`,
        [def.key, def.name, def.subjectType, JSON.stringify(def.stages), def.autoApproveBelowFen ?? null, def.nameEn ?? null],
      )) as unknown[];
      if (inserted.length) this.logger.log(`Installed workflow ${def.key}@1`);
    }
  }

  async list(includeInactive: boolean): Promise<DefinitionDto[]> {
    const rows = await this.dataSource.getRepository(WorkflowDefinition).find({
      where: includeInactive ? {} : { isActive: true },
      order: { key: 'ASC', version: 'DESC' },
    });
    return rows.map(toDefinitionDto);
  }

  async get(key: string, version?: number): Promise<DefinitionDto> {
    const row = await this.dataSource.getRepository(WorkflowDefinition).findOne({
      where: version ? { key, version } : { key, isActive: true },
    });
    if (!row) throw DomainError.notFound('Workflow definition');
    return toDefinitionDto(row);
  }

  async publish(actor: Actor, dto: CreateDefinitionDto): Promise<DefinitionDto> {
    validateDefinition({ stages: dto.stages as StageDefinition[], autoApproveBelowFen: dto.autoApproveBelowFen ?? null });
    if (!this.subjects.has(dto.subjectType)) throw DomainError.invalid('subjectType', `no module handles subject type "${dto.subjectType}"`);
    return this.uow.run(async (tx) => {
      // Serialise publishers of one key so versions are dense and exactly one is active.
      await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('workflow:' || $1))`, [dto.key]);
      const [latest] = (await tx.manager.query(`SELECT version, subject_type FROM workflow_definitions WHERE key = $1 ORDER BY version DESC LIMIT 1`, [dto.key])) as {
        version: number;
        subject_type: string;
      }[];
      if (latest && latest.subject_type !== dto.subjectType) throw DomainError.invalid('subjectType', `workflow ${dto.key} is for ${latest.subject_type}`);
      const previous = await tx.manager.getRepository(WorkflowDefinition).findOneBy({ key: dto.key, isActive: true });
      await tx.manager.query(`UPDATE workflow_definitions SET is_active = false WHERE key = $1 AND is_active`, [dto.key]);
      const version = (latest?.version ?? 0) + 1;
      const [row] = (await tx.manager.query(
        `INSERT INTO workflow_definitions (key, version, name, name_en, subject_type, stages, auto_approve_below_fen, is_active, created_by)
         VALUES ($1, $2, $3, $8, $4, $5, $6, true, $7) RETURNING id`,
        [dto.key, version, dto.name, dto.subjectType, JSON.stringify(dto.stages), dto.autoApproveBelowFen ?? null, actor.userId, dto.nameEn ?? null],
      )) as { id: string }[];
      const saved = await tx.manager.getRepository(WorkflowDefinition).findOneByOrFail({ id: row.id });
      tx.audit({
        action: 'workflow_definition.published',
        subjectType: 'workflow_definition',
        subjectId: saved.id,
        before: previous ? { key: previous.key, version: previous.version, stages: previous.stages } : null,
        after: { key: saved.key, version: saved.version, name: saved.name, nameEn: saved.nameEn, stages: saved.stages, autoApproveBelowFen: saved.autoApproveBelowFen },
      });
      return toDefinitionDto(saved);
    });
  }
}
