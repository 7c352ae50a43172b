import type { RubricCriterionDto, RubricDto, ScoreAggregateDto } from './dto/review.dto';
import type { AssignmentStatus, RoundStatus } from './review.state';

/** Rows of the review chain's tables as the services read them (snake_case from raw SQL). */
export interface RubricRow {
  id: string;
  key: string;
  version: number;
  name: string;
  scale_min: number;
  scale_max: number;
  criteria: RubricCriterionDto[];
  is_active: boolean;
  created_at: Date;
}

export interface RoundRow {
  id: string;
  project_id: string;
  round_no: number;
  case_id: string;
  case_revision: number;
  rubric_id: string;
  blind: boolean;
  min_reviews: number;
  status: RoundStatus;
  decision_comment: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  opened_at: Date;
}

export interface AssignmentRow {
  id: string;
  round_id: string;
  reviewer_user_id: string;
  reviewer_org_id: string;
  status: AssignmentStatus;
  exclusion_reason: string | null;
  conflict_relation: string | null;
  conflict_note: string | null;
  scores: Record<string, number> | null;
  weighted_score: string | null;
  comment: string | null;
  comment_shareable: boolean;
  assigned_at: Date;
  submitted_at: Date | null;
}

export function toRubricDto(r: RubricRow): RubricDto {
  return { id: r.id, key: r.key, version: r.version, name: r.name, scaleMin: r.scale_min, scaleMax: r.scale_max, criteria: r.criteria, isActive: r.is_active, createdAt: r.created_at.toISOString() };
}

/** Σ score × weight / Σ weight, to two decimals: one reviewer's score on the rubric's scale. */
export function weightedScore(rubric: Pick<RubricRow, 'criteria'>, scores: Record<string, number>): number {
  const total = rubric.criteria.reduce((sum, c) => sum + c.weight, 0);
  const weighted = rubric.criteria.reduce((sum, c) => sum + c.weight * scores[c.key], 0);
  return Math.round((weighted / total) * 100) / 100;
}

/** The submitted reviews of a round, summed up: the mean weighted score and each criterion's mean. */
export function aggregate(rubric: Pick<RubricRow, 'criteria'>, assignments: Pick<AssignmentRow, 'status' | 'scores'>[]): ScoreAggregateDto {
  const submitted = assignments.filter((a) => a.status === 'submitted' && a.scores) as { scores: Record<string, number> }[];
  if (submitted.length === 0) return { reviews: 0, weightedMean: null, criteria: {} };
  const mean = (values: number[]) => Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 100) / 100;
  return {
    reviews: submitted.length,
    weightedMean: mean(submitted.map((a) => weightedScore(rubric, a.scores))),
    criteria: Object.fromEntries(rubric.criteria.map((c) => [c.key, mean(submitted.map((a) => a.scores[c.key]))])),
  };
}

/** A code for a round that names nobody: the first six hex digits of its id and its number. */
export function roundCode(round: Pick<RoundRow, 'id' | 'round_no'>): string {
  return `R-${round.id.slice(0, 6).toUpperCase()}-${round.round_no}`;
}

/** An audit record about a project (its coaching and tracking): the project is the subject, its enterprise and region the scope. */
export function projectAudit(project: { id: string; enterpriseId: string; regionCode: string }, action: string, before: unknown, after: unknown) {
  return { action, subjectType: 'roadshow_project', subjectId: project.id, organizationId: project.enterpriseId, regionCode: project.regionCode, before, after };
}
