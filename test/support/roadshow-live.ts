import { SseParser } from '../../packages/shared/sse';
import { screenThroughReview } from './roadshow-review';
import { eventually, TestApp } from './test-app';

type Auth = { Authorization: string };

export interface StreamEvent {
  id?: number;
  event: string;
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A text/event-stream read the way a browser's fetch reads it: events as they arrive, until closed. */
export interface OpenStream {
  status: number;
  headers: Headers;
  events: StreamEvent[];
  /** Resolves with the first event (among all received) matching `match`. */
  waitFor(match: (e: StreamEvent) => boolean, what?: string, timeoutMs?: number): Promise<StreamEvent>;
  close(): void;
}

export async function openStream(baseUrl: string, path: string, auth: Auth, lastEventId?: number): Promise<OpenStream> {
  const abort = new AbortController();
  const res = await fetch(`${baseUrl}${path}`, { headers: { ...auth, Accept: 'text/event-stream', ...(lastEventId !== undefined ? { 'Last-Event-ID': String(lastEventId) } : {}) }, signal: abort.signal });
  const events: StreamEvent[] = [];
  if (res.ok && res.body) {
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          events.push(...(parser.push(decoder.decode(value, { stream: true })) as StreamEvent[]));
        }
      } catch {
        // aborted
      }
    })();
  }
  return {
    status: res.status,
    headers: res.headers,
    events,
    waitFor: (match, what = 'event', timeoutMs = 10_000) => eventually(async () => events.find(match), timeoutMs, what),
    close: () => abort.abort(),
  };
}

/** A collected project of `auth`'s enterprise, screened through roadshow_screening: two experts review it, the admin passes it. */
export async function screenedProject(app: TestApp, owner: Auth, admin: Auth, title: string): Promise<string> {
  const created = await app.http().post('/api/v1/roadshow-projects').set(owner).send({
    title,
    summary: '面向新能源汽车电控的散热材料',
    industry: 'new_materials',
    stage: 'series_a',
    financingAskFen: 3_000_000_000,
    regionCode: '330402',
    team: [{ name: '李文博', role: 'CEO' }],
  });
  if (created.status !== 201) throw new Error(`project: ${created.status} ${JSON.stringify(created.body)}`);
  const submitted = await app.http().post(`/api/v1/roadshow-projects/${created.body.id}/submit`).set(owner).expect(200);
  expect(submitted.body.screeningCaseId).toEqual(expect.any(String));
  await screenThroughReview(app, admin, created.body.id);
  await eventually(async () => ((await app.http().get(`/api/v1/roadshow-projects/${created.body.id}`).set(owner)).body.status === 'screened' ? true : undefined), 20_000, 'screened');
  return created.body.id as string;
}

/**
 * A published cloud session running now (its first 15-minute slot holds the present moment), with the projects
 * in slots 0, 1, … in order.
 */
export async function liveCloudSession(app: TestApp, admin: Auth, projectIds: string[], overrides: Record<string, unknown> = {}) {
  const start = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 5 * 60_000);
  const created = await app.http().post('/api/v1/roadshow-sessions').set(admin).send({
    title: '新材料云路演',
    type: 'cloud',
    hostCityCode: '330400',
    streamUrl: 'https://live.g60.example/rs/live.m3u8',
    capacity: 500,
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 60 * 60_000).toISOString(),
    pitchMinutes: 10,
    qaMinutes: 5,
    themeIndustries: ['new_materials'],
    ...overrides,
  });
  if (created.status !== 201) throw new Error(`session: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  const slotIds: string[] = [];
  for (const [slotIndex, projectId] of projectIds.entries()) {
    const slot = await app.http().post(`/api/v1/roadshow-sessions/${id}/slots`).set(admin).send({ projectId, slotIndex }).expect(201);
    slotIds.push(slot.body.slot.id);
  }
  await app.http().post(`/api/v1/roadshow-sessions/${id}/publish`).set(admin).expect(200);
  return { id, slotIds };
}
