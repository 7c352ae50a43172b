import { Agent, request } from 'node:http';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(60_000);

/** One GET on the agent's connection: the status, the Keep-Alive header, and whether it went out on a reused socket. */
function get(agent: Agent, url: string): Promise<{ status: number; keepAlive: string | undefined; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, keepAlive: res.headers['keep-alive'], reused: req.reusedSocket }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * An idle keep-alive connection outlives a load balancer's own idle connections to the API (HTTP_KEEP_ALIVE_TIMEOUT_MS,
 * docs/architecture.md, "Behind a load balancer"): with Node's default of 5 s, the API closed them as HAProxy reused
 * them, and a POST sent at that moment failed.
 */
describe('HTTP keep-alive: the API keeps idle connections open longer than a load balancer does', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('announces 65 s and answers on the same connection after 6 s idle (Node’s default would have closed it at 5 s)', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1, timeout: 120_000 });
    try {
      const first = await get(agent, `${app.running.url}/health`);
      expect(first).toEqual({ status: 200, keepAlive: 'timeout=65', reused: false });
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      expect(await get(agent, `${app.running.url}/health`)).toEqual({ status: 200, keepAlive: 'timeout=65', reused: true });
    } finally {
      agent.destroy();
    }
  });
});
