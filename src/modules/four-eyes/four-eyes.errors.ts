import { defineErrorCodes } from '../../platform/errors/error-codes';

/** Error codes of the four-eyes rule on money (docs/security.md, "Four eyes on money"). */
export const FourEyesErrors = defineErrorCodes('four-eyes', {
  /** This step needs a different person from the previous one: a permission refusal, so 403. */
  SECOND_PERSON_REQUIRED: 403,
});
