import { QueueName } from '../../src/platform/queue/queue.registry';
import { QueueService } from '../../src/platform/queue/queue.service';
import { DEMO, eventually, login, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(90_000);

/**
 * Issue 20, "Long work runs on workers": the admin's daily run is a queue job, not work in the API process that
 * received the request. An API process alone (no workers) queues it and answers 202; a worker runs it.
 */
describe('long work runs on workers', () => {
  let api: TestApp;
  let worker: TestApp | undefined;
  afterAll(async () => {
    await worker?.close({ keepData: true });
    await api?.close();
  });

  it('POST /admin/daily-run queues the run: 202 from an API process without workers, the report once a worker ran it', async () => {
    api = await startTestApp({ role: 'api', env: { DAILY_RUN_WAIT_MS: '300' } });
    const admin = await login(api, DEMO.admin);
    const queued = await api.http().post('/api/v1/admin/daily-run').set(admin.auth).send({ asOf: '2031-01-01' }).expect(202);
    expect(queued.body).toEqual({ jobId: expect.stringMatching(/^daily-run-2031-01-01-[0-9a-f-]{36}$/), state: 'waiting' });

    worker = await startTestApp({ role: 'worker', database: api.db, queuePrefix: api.queuePrefix });
    const queue = api.get(QueueService).queue(QueueName.Maintenance);
    const report = await eventually(async () => {
      const job = await queue.getJob(queued.body.jobId);
      return (await job?.getState()) === 'completed' ? job?.returnvalue : undefined;
    }, 30_000, 'the worker to run the queued daily run');
    const shape = { asOf: '2031-01-01', vouchersExpired: expect.any(Number), returnedToBudgetFen: expect.any(Number), ordersLapsed: expect.any(Number), claimsRejected: expect.any(Number), batchesClosed: expect.any(Number) };
    expect(report).toEqual(shape);
    // The 200 answer with the report (a worker finished within DAILY_RUN_WAIT_MS) is vouchers-rules.e2e-spec.ts's daily run.
  });
});
