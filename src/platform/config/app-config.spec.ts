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
