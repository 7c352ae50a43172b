import { Injectable } from '@nestjs/common';
import { AccountsService } from '../../platform/auth/accounts.service';
import { Role } from '../../platform/context/actor';
import { Transaction } from '../../platform/database/unit-of-work';
import { JobName } from '../../platform/queue/queue.registry';
import type { NotificationKind, NotificationParams } from '../../../packages/shared/notification-kinds';
import { ApprovalCase, ApprovalTask } from './approval.entities';

/**
 * A case's title in a notification's params: the stored (简体) title, and with the case's title values the subject type
 * and values, so the inbox and e-mails word it in the reader's language (packages/shared/case-title.ts).
 */
export function caseTitleValues(kase: Pick<ApprovalCase, 'title' | 'titleParams' | 'subjectType'>): NotificationParams {
  return { caseTitle: kase.title, ...(kase.titleParams ? { caseTitleParams: { subjectType: kase.subjectType, ...kase.titleParams } } : {}) };
}

/** Tells people about case events: in-app inbox for users, signed webhooks for organisations. */
@Injectable()
export class ApprovalNotifier {
  constructor(private readonly accounts: AccountsService) {}

  /** The task's deciders (AccountsService.deciders): one statement, where there were two or three. */
  deciders(tx: Transaction, task: ApprovalTask, roles: string[] = task.deciderRoles): Promise<string[]> {
    return this.accounts.deciders(tx.manager, roles as Role[], task.regionCode);
  }

  async applicants(tx: Transaction, kase: ApprovalCase): Promise<string[]> {
    if (!kase.applicantOrgId) return kase.applicantUserId ? [kase.applicantUserId] : [];
    const rows = (await tx.manager.query(`SELECT id FROM read_directory_users WHERE organization_id = $1 AND status = 'active'`, [kase.applicantOrgId])) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** `params`: the data the portal words the notification from; also the values of the kind's own e-mail/SMS template, where it has one (approval.task_reminder). */
  inApp(tx: Transaction, userIds: string[], kind: NotificationKind, title: string, body: string, kase: ApprovalCase, dedup: string, params?: NotificationParams): void {
    if (userIds.length === 0) return;
    tx.enqueue(JobName.DeliverNotification, {
      userIds,
      kind,
      title,
      body,
      subjectType: 'approval_case',
      subjectId: kase.id,
      dedupKey: `${kind}:${kase.id}:${dedup}`,
      ...(params ? { params } : {}),
    });
  }

  /** Webhook event for the applicant organisation (delivered only if it subscribed). */
  webhook(tx: Transaction, kase: ApprovalCase, event: string, data: Record<string, unknown>, dedup: string): void {
    if (!kase.applicantOrgId) return;
    tx.enqueue(JobName.DispatchWebhooks, {
      organizationId: kase.applicantOrgId,
      event,
      dedupKey: `${event}:${kase.id}:${dedup}`,
      data: { caseId: kase.id, subjectType: kase.subjectType, subjectId: kase.subjectId, status: kase.status, revision: kase.revision, ...data },
    });
  }
}
