import { defineErrorCodes } from '../errors/error-codes';

/** Error codes of signing in and of session tokens (docs/security.md, "Accounts, sessions and operational endpoints"). */
export const AuthErrors = defineErrorCodes('auth', {
  /** Wrong e-mail or password, a disabled account, or an invalid refresh or reset token. */
  INVALID_CREDENTIALS: 401,
  /** The session (its token family) has ended; sign in again. */
  TOKEN_REVOKED: 401,
  /** A platform admin reset the password; only told to someone who knows the old one. */
  PASSWORD_RESET_REQUIRED: 403,
});
