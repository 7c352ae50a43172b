import { defineErrorCodes } from '../../platform/errors/error-codes';

/** Error codes of redemption claims (docs/domain.md, "Claw-backs and recoveries"). */
export const RedemptionErrors = defineErrorCodes('redemptions', {
  /** A recovery larger than what the payee still owes on the claw-back: nothing is recorded. */
  RECOVERY_EXCEEDS_OUTSTANDING: 422,
});
