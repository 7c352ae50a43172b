import { Injectable } from '@nestjs/common';
import { Transaction } from '../../../platform/database/unit-of-work';
import { DomainError } from '../../../platform/errors/domain-error';
import { ApprovalSubject, ApprovalSubjectHandler, CaseRef, codedFinding, Finding, SubjectDescription } from '../../approvals/approval-subject';
import { FindingReason, findingReason } from '../../../../packages/shared/finding-reasons';
import { ControllerGroupChangeRequest } from './controller-group-change.entity';
import { CHANGE_REQUEST_STATES } from './controller-group-change.state';
import { CONTROLLER_GROUP_CHANGE, ControllerGroupChangesService } from './controller-group-changes.service';
import { ControllerGroupsService } from './controller-groups.service';
import { ControllerGroup, Organization } from '../organization.entity';
import { RegionsService } from '../regions.service';
import { storedCaseTitle } from '../../../../packages/shared/case-title';

/**
 * An enterprise's actual-controller change request as an approval subject: its district bureau
 * reviews, its city bureau approves; only onApproved changes the link, once, in the engine's
 * transaction (docs/security.md, "Actual-controller groups").
 */
@Injectable()
@ApprovalSubjectHandler(CONTROLLER_GROUP_CHANGE)
export class ControllerGroupChangeSubject implements ApprovalSubject {
  constructor(
    private readonly changes: ControllerGroupChangesService,
    private readonly groups: ControllerGroupsService,
    private readonly regions: RegionsService,
  ) {}

  async describe(tx: Transaction, subjectId: string): Promise<SubjectDescription> {
    const request = await this.changes.load(tx.manager, subjectId);
    const org = await this.enterprise(tx, request);
    const lineage = this.regions.lineage(org.regionCode);
    const top = lineage[lineage.length - 1] ?? org.regionCode;
    const target = request.targetGroupId ? await tx.manager.getRepository(ControllerGroup).findOneBy({ id: request.targetGroupId }) : null;
    const from = request.fromGroupId ? await tx.manager.getRepository(ControllerGroup).findOneBy({ id: request.fromGroupId }) : null;
    const groupName = request.action === 'create' ? request.newGroupName : request.action === 'join' ? target?.name : from?.name;
    return {
      ...storedCaseTitle(CONTROLLER_GROUP_CHANGE, { action: request.action, org: org.name, ...(groupName ? { group: groupName } : {}) }),
      applicantOrgId: org.id,
      applicantUserId: request.requestedBy,
      regionCode: org.regionCode,
      cityCode: top,
      partnerRegionCode: this.regions.get(top)?.isPartner ? top : null,
      snapshot: {
        enterprise: org.name,
        uscc: org.uscc,
        action: request.action,
        fromGroup: from ? { id: from.id, name: from.name, controllerName: from.controllerName } : null,
        targetGroup: target ? { id: target.id, name: target.name, controllerName: target.controllerName } : null,
        newGroupName: request.newGroupName,
        newControllerName: request.newControllerName,
        statement: request.statement,
        documentRefs: request.documentRefs,
      },
    };
  }

  async precheck(tx: Transaction, subjectId: string): Promise<Finding[]> {
    const request = await this.changes.load(tx.manager, subjectId);
    const org = await this.enterprise(tx, request);
    const moved = org.controllerGroupId !== request.fromGroupId;
    const findings: Finding[] = [codedFinding('membership_unchanged', moved ? 'warn' : 'pass', [moved ? findingReason('group_changed_since_request') : null])];
    if (request.targetGroupId) {
      const [{ n }] = (await tx.manager.query(`SELECT count(*)::int AS n FROM organizations WHERE controller_group_id = $1`, [request.targetGroupId])) as { n: number }[];
      findings.push(codedFinding('target_group', n > 0 ? 'pass' : 'warn', [n > 0 ? findingReason('group_members', { count: n }) : findingReason('group_empty')]));
    }
    return findings;
  }

  async onStageEntered(tx: Transaction, ref: CaseRef): Promise<void> {
    const request = await this.changes.load(tx.manager, ref.subjectId, true);
    if (CHANGE_REQUEST_STATES.can(request.status, 'start_review')) await this.changes.setStatus(tx, request, await this.enterprise(tx, request), 'start_review', null);
  }

  /** The link changes here and only here; a duplicate run finds the request decided and does nothing. */
  async onApproved(tx: Transaction, ref: CaseRef): Promise<void> {
    const request = await this.changes.load(tx.manager, ref.subjectId, true);
    if (!CHANGE_REQUEST_STATES.can(request.status, 'approve')) return;
    // Same lock as a bureau's direct link and as issuance (organisation row first).
    const org = await tx.manager.getRepository(Organization).findOne({ where: { id: request.enterpriseId }, lock: { mode: 'pessimistic_write' } });
    if (!org) throw DomainError.notFound('Organisation');
    let groupId: string | null = null;
    if (request.action === 'join') groupId = request.targetGroupId;
    if (request.action === 'create') {
      const repo = tx.manager.getRepository(ControllerGroup);
      const saved = await repo.save(repo.create({ name: request.newGroupName as string, controllerName: request.newControllerName as string, regionCode: org.regionCode, createdBy: null }));
      groupId = saved.id;
      tx.audit({
        action: 'controller_group.created',
        subjectType: 'controller_group',
        subjectId: saved.id,
        regionCode: org.regionCode,
        after: { name: saved.name, controllerName: saved.controllerName, regionCode: org.regionCode, requestId: request.id },
      });
    }
    await this.groups.applyLink(tx, org, groupId, { by: 'change_request', userId: null, requestId: request.id });
    await this.changes.setStatus(tx, request, org, 'approve', null, groupId);
  }

  async onRejected(tx: Transaction, ref: CaseRef, reason: string | null): Promise<void> {
    await this.move(tx, ref, 'reject', reason);
  }

  async onReturned(tx: Transaction, ref: CaseRef, reason: string | null): Promise<void> {
    await this.move(tx, ref, 'return', reason);
  }

  async onWithdrawn(tx: Transaction, ref: CaseRef): Promise<void> {
    await this.move(tx, ref, 'withdraw', '申请人撤回', findingReason('withdrawn_by_applicant'));
  }

  async onResubmitted(tx: Transaction, ref: CaseRef): Promise<void> {
    await this.move(tx, ref, 'resubmit', null);
  }

  private async move(tx: Transaction, ref: CaseRef, event: 'reject' | 'return' | 'withdraw' | 'resubmit', reason: string | null, code: FindingReason | null = null): Promise<void> {
    const request = await this.changes.load(tx.manager, ref.subjectId, true);
    if (!CHANGE_REQUEST_STATES.can(request.status, event)) return;
    await this.changes.setStatus(tx, request, await this.enterprise(tx, request), event, reason, undefined, code);
  }

  private async enterprise(tx: Transaction, request: ControllerGroupChangeRequest): Promise<Organization> {
    return tx.manager.getRepository(Organization).findOneByOrFail({ id: request.enterpriseId });
  }
}
