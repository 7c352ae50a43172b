import { Actor, Role } from '../../../platform/context/actor';
import { Transaction } from '../../../platform/database/unit-of-work';
import { JobName } from '../../../platform/queue/queue.registry';
import type { NotificationKind, NotificationParams } from '../../../../packages/shared/notification-kinds';
import { OrganizationDirectory } from '../../organizations/organization-directory';

/**
 * Tells a city's roadshow organisers (all but the actor) something that needs their answer or concerns them: an
 * in-app notification through the outbox, in the caller's transaction. Co-host invitations and referrals use it.
 */
export async function notifyCityOrganisers(
  tx: Transaction,
  directory: OrganizationDirectory,
  actor: Actor,
  cityCode: string,
  note: { kind: NotificationKind; title: string; body: string; subjectType: string; subjectId: string; dedupKey: string; params?: NotificationParams },
): Promise<void> {
  const userIds = await directory.activeUserIdsWithRole(tx.manager, [Role.RoadshowOrganiser], cityCode, actor.userId);
  if (userIds.length > 0) tx.enqueue(JobName.DeliverNotification, { userIds, ...note });
}
