import { EntityManager } from 'typeorm';
import { Role } from '../context/actor';

/**
 * Credentials live in `users`, which the organizations module owns (docs/architecture.md, "Modules
 * and their tables"). The platform may not import a module, so auth declares what it needs of them
 * here and organizations provides it under IDENTITY_STORE (src/modules/organizations/users/identity.store.ts).
 * Identity without credentials (role, organisation, region) auth reads from the directory read models.
 * Every method takes the caller's EntityManager, so a call inside a unit of work stays in its transaction.
 */
export interface IdentityStore {
  /** The account signing in with `email` (trimmed, lower-cased here), with its organisation's status. */
  signInAccount(manager: EntityManager, email: string): Promise<SignInAccount | undefined>;

  /** The current password hash of a user. */
  passwordHash(manager: EntityManager, userId: string): Promise<string | undefined>;

  /**
   * Compare-and-set: replaces the hash only if it is still `expectedHash`, and clears the forced-reset flag.
   * False when the password was changed meanwhile.
   */
  replacePasswordHash(manager: EntityManager, userId: string, expectedHash: string, newHash: string): Promise<boolean>;

  /** Locks the user row and flags it: sign-in is refused until a reset. Undefined when there is no such user. */
  requirePasswordReset(manager: EntityManager, userId: string): Promise<{ organizationId: string } | undefined>;

  /** Sets the password a reset token allowed and clears the flag. */
  completePasswordReset(manager: EntityManager, userId: string, newHash: string): Promise<{ organizationId: string; role: Role }>;

  /**
   * Sets the user's portal preferences that `changes` names (the others are kept); answers them before and
   * after (undefined when there is no such user).
   */
  setPreferences(manager: EntityManager, userId: string, changes: UserPreferences): Promise<{ before: StoredPreferences; after: StoredPreferences } | undefined>;
}

export interface SignInAccount {
  id: string;
  passwordHash: string;
  role: Role;
  status: string;
  organizationId: string;
  organizationStatus: string;
  mustResetPassword: boolean;
}

export interface UserPreferences {
  locale?: string;
  elderMode?: boolean;
}

export interface StoredPreferences {
  locale: string | null;
  elderMode: boolean | null;
}

/** Nest injection token of the IdentityStore. */
export const IDENTITY_STORE = Symbol('IdentityStore');
