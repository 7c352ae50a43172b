import { ConfigError, loadConfig } from '../config/app-config';
import { portalCsp } from './portal';

describe('frame-ancestors of the portal and of the widgets (docs/security.md, "Embedding")', () => {
  it('the portal may be framed by nobody', () => {
    expect(portalCsp()).toContain("frame-ancestors 'none'");
  });

  it('widgets may be framed by exactly the configured origins', () => {
    const csp = portalCsp([], loadConfig({ EMBED_ALLOWED_ORIGINS: 'https://www.zjtec.cn, http://127.0.0.1:8080' }).embedAllowedOrigins);
    expect(csp).toContain('frame-ancestors https://www.zjtec.cn http://127.0.0.1:8080;');
    expect(portalCsp([], loadConfig({}).embedAllowedOrigins)).toContain("frame-ancestors 'none'");
  });

  it('refuses origins that are not http(s)://host[:port]', () => {
    for (const bad of ['*', "'self'", 'https://a.example/path', 'javascript:alert(1)', 'https://a.example;script-src *']) {
      expect(() => loadConfig({ EMBED_ALLOWED_ORIGINS: bad })).toThrow(ConfigError);
    }
  });
});
