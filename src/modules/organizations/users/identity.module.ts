import { Global, Module } from '@nestjs/common';
import { IDENTITY_STORE } from '../../../platform/auth/identity.port';
import { UsersIdentityStore } from './identity.store';

/**
 * Provides auth's IdentityStore port (src/platform/auth/identity.port.ts) from the owner of `users`.
 * Global, and apart from OrganizationsModule, so the platform's auth services resolve it without
 * importing a module; the store needs nothing but the caller's EntityManager.
 */
@Global()
@Module({
  providers: [{ provide: IDENTITY_STORE, useClass: UsersIdentityStore }],
  exports: [IDENTITY_STORE],
})
export class IdentityModule {}
