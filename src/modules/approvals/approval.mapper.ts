import { ApprovalCase, ApprovalTask, WorkflowDefinition } from './approval.entities';
import { CaseDto, DefinitionDto, StageDto, TaskDto } from './dto/approval.dto';

export function toTaskDto(t: ApprovalTask, kase: ApprovalCase): TaskDto {
  return {
    id: t.id,
    caseId: t.caseId,
    caseTitle: kase.title,
    caseTitleParams: kase.titleParams,
    subjectType: kase.subjectType,
    subjectId: kase.subjectId,
    revision: t.revision,
    stageIndex: t.stageIndex,
    stageKey: t.stageKey,
    stageName: t.stageName,
    stageNameEn: t.stageNameEn,
    kind: t.kind,
    deciderRoles: t.deciderRoles,
    regionCode: t.regionCode,
    requiredApprovals: t.requiredApprovals,
    approvals: t.approvals,
    status: t.status,
    claimedBy: t.claimedBy,
    dueAt: t.dueAt ? t.dueAt.toISOString() : null,
    overdue: !!t.dueAt && t.status === 'open' && t.dueAt.getTime() < Date.now(),
    escalatedToRole: t.escalatedToRole,
    amountFen: kase.amountFen,
    createdAt: t.createdAt.toISOString(),
    decidedAt: t.decidedAt ? t.decidedAt.toISOString() : null,
  };
}

export function toCaseDto(c: ApprovalCase, definition: WorkflowDefinition): CaseDto {
  return {
    id: c.id,
    title: c.title,
    titleParams: c.titleParams,
    definitionKey: definition.key,
    definitionVersion: definition.version,
    subjectType: c.subjectType,
    subjectId: c.subjectId,
    status: c.status,
    currentStage: c.currentStage,
    currentStageKey: definition.stages[c.currentStage]?.key ?? null,
    revision: c.revision,
    outcome: c.outcome,
    outcomeAppliedAt: c.outcomeAppliedAt ? c.outcomeAppliedAt.toISOString() : null,
    applicantOrgId: c.applicantOrgId,
    regionCode: c.regionCode,
    amountFen: c.amountFen,
    timerDueAt: c.timerDueAt ? c.timerDueAt.toISOString() : null,
    createdAt: c.createdAt.toISOString(),
    closedAt: c.closedAt ? c.closedAt.toISOString() : null,
  };
}

export function toDefinitionDto(d: WorkflowDefinition): DefinitionDto {
  return {
    id: d.id,
    key: d.key,
    version: d.version,
    name: d.name,
    nameEn: d.nameEn,
    subjectType: d.subjectType,
    stages: d.stages as StageDto[],
    autoApproveBelowFen: d.autoApproveBelowFen,
    isActive: d.isActive,
    createdAt: d.createdAt.toISOString(),
  };
}

/** Field-level differences between two snapshots: [{path, before, after}]. */
export function diffSnapshots(before: unknown, after: unknown, path = ''): { path: string; before: unknown; after: unknown }[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    const b = before as Record<string, unknown>;
    const a = after as Record<string, unknown>;
    return [...new Set([...Object.keys(b), ...Object.keys(a)])].sort().flatMap((k) => diffSnapshots(b[k], a[k], path ? `${path}.${k}` : k));
  }
  return [{ path: path || '$', before: before ?? null, after: after ?? null }];
}
