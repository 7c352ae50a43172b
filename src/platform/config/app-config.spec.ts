import { loadConfig, ConfigError } from './app-config';

/** The single sign-on settings (docs/security.md, "Single sign-on"). */
describe('single sign-on settings', () => {
  const sso = { OIDC_ISSUER: 'https://id.example', OIDC_CLIENT_ID: 'g60', OIDC_CLIENT_SECRET: 's', OIDC_REDIRECT_URI: 'https://g60.example/api/v1/auth/oidc/callback' };

  it('is on with all four settings, off with none, refused with some', () => {
    expect(loadConfig(sso).oidcEnabled).toBe(true);
    expect(loadConfig({}).oidcEnabled).toBe(false);
    expect(() => loadConfig({ ...sso, OIDC_CLIENT_SECRET: '' })).toThrow(/set all four or none/);
  });

  it('refuses an http issuer in production and a callback that is not the platform’s', () => {
    expect(() => loadConfig({ ...sso, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), OIDC_ISSUER: 'http://id.example' })).toThrow(/https in production/);
    expect(() => loadConfig({ ...sso, OIDC_REDIRECT_URI: 'https://evil.example/steal' })).toThrow(ConfigError);
  });
});

/** HTTP_KEEP_ALIVE_TIMEOUT_MS (docs/architecture.md, "Behind a load balancer"). */
describe('keep-alive timeout', () => {
  it('takes 1 s to 299 s: the headers timeout 1 s above it stays within Node’s 300 s request timeout', () => {
    expect(loadConfig({}).HTTP_KEEP_ALIVE_TIMEOUT_MS).toBe(65_000);
    expect(loadConfig({ HTTP_KEEP_ALIVE_TIMEOUT_MS: '299000' }).HTTP_KEEP_ALIVE_TIMEOUT_MS).toBe(299_000);
    expect(() => loadConfig({ HTTP_KEEP_ALIVE_TIMEOUT_MS: '300000' })).toThrow(/HTTP_KEEP_ALIVE_TIMEOUT_MS/);
    expect(() => loadConfig({ HTTP_KEEP_ALIVE_TIMEOUT_MS: '999' })).toThrow(/HTTP_KEEP_ALIVE_TIMEOUT_MS/);
  });
});
