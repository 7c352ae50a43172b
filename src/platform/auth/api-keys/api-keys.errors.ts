import { defineErrorCodes } from '../../errors/error-codes';

/** Error codes of partner API keys (docs/security.md, "Partner API keys"). */
export const ApiKeyErrors = defineErrorCodes('apiKeys', {
  /** The key is unknown, malformed or revoked. */
  API_KEY_INVALID: 401,
  /** A key was sent to a route that is not open data (any write, any money or people data). */
  API_KEY_NOT_ALLOWED: 403,
  /** The key's scopes do not include this route's (e.g. a catalogue key on roadshow data). */
  API_KEY_OUT_OF_SCOPE: 403,
});
