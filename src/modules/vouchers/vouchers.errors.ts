import { defineErrorCodes } from '../../platform/errors/error-codes';

/** Error codes of voucher applications. */
export const VoucherErrors = defineErrorCodes('vouchers', {
  /** A misconduct record (失信) in force in the programme's region bars the applicant until its period ends (docs/domain.md, "Misconduct"). */
  APPLICANT_BARRED: 422,
});
