import { defineErrorCodes } from '../../../platform/errors/error-codes';

/** Codes only the review chain answers with (docs/domain.md, "Roadshow review chain"). */
export const RoadshowReviewErrors = defineErrorCodes('roadshows', {
  /** The reviewer is excluded from this round for a conflict of interest (declared or by rule): no scoring, no project. */
  REVIEWER_CONFLICTED: 403,
  /** The organiser reviewed (or was assigned to) this round: another organiser decides it (four eyes). */
  DECIDER_REVIEWED_ROUND: 403,
  /** Fewer submitted reviews than the round's minimum: assign more reviewers or wait. */
  REVIEWS_BELOW_MINIMUM: 422,
  /** The user is not in the expert pool (评审专家库), or is inactive there. */
  NOT_AN_EXPERT: 422,
});
