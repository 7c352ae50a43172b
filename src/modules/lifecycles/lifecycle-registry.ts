import { AnyLifecycle, LifecycleDescription } from '../../platform/state/state-machine';
import { CASE_STATES, TASK_STATES } from '../approvals/approval-case.state';
import { AGREEMENT_STATES, CATALOG_SERVICE_STATES } from '../catalog/catalog.state';
import { MISCONDUCT_STATES } from '../credit/misconduct.state';
import { FOUR_EYES_STATES } from '../four-eyes/four-eyes.state';
import { MESSAGE_DELIVERY_STATES } from '../notifications/messages/message-delivery.state';
import { WEBHOOK_STATES } from '../notifications/webhooks/webhook.state';
import { ORDER_STATES } from '../orders/order.state';
import { CHANGE_REQUEST_STATES } from '../organizations/controller-groups/controller-group-change.state';
import { ADMISSION_STATES } from '../organizations/organization.state';
import { QUALIFICATION_STATES } from '../organizations/qualifications/qualification.state';
import { PROGRAM_STATES } from '../programs/program.state';
import { CLAIM_STATES } from '../redemptions/claim.state';
import { INTEREST_STATES, PROJECT_STATES, QUESTION_STATES, SESSION_REQUEST_STATES, SESSION_STATES } from '../roadshows/shared/roadshow.state';
import { ASSIGNMENT_STATES, COACHING_ITEM_STATES, FOLLOW_UP_STATES, ROUND_STATES } from '../roadshows/review/review.state';
import { COHOST_STATES, REFERRAL_STATES } from '../roadshows/shared/alliance.state';
import { BATCH_STATES } from '../settlement/settlement.state';
import { APPLICATION_STATES, VOUCHER_STATES } from '../vouchers/voucher.state';

/**
 * Every lifecycle of the platform, in the order a voucher's story meets them. The API
 * (`GET /api/v1/lifecycles`), the portal's lifecycle page and docs/lifecycles.md all read this list.
 */
export const LIFECYCLES: readonly AnyLifecycle[] = [
  ADMISSION_STATES,
  QUALIFICATION_STATES,
  CHANGE_REQUEST_STATES,
  CATALOG_SERVICE_STATES,
  AGREEMENT_STATES,
  PROGRAM_STATES,
  APPLICATION_STATES,
  VOUCHER_STATES,
  ORDER_STATES,
  CLAIM_STATES,
  BATCH_STATES,
  FOUR_EYES_STATES,
  MISCONDUCT_STATES,
  CASE_STATES,
  TASK_STATES,
  PROJECT_STATES,
  SESSION_STATES,
  SESSION_REQUEST_STATES,
  INTEREST_STATES,
  QUESTION_STATES,
  ROUND_STATES,
  ASSIGNMENT_STATES,
  COACHING_ITEM_STATES,
  FOLLOW_UP_STATES,
  COHOST_STATES,
  REFERRAL_STATES,
  WEBHOOK_STATES,
  MESSAGE_DELIVERY_STATES,
];

export function describeLifecycles(): LifecycleDescription[] {
  return LIFECYCLES.map((lifecycle) => lifecycle.describe());
}
