import { schedule, SchedulerProject, SchedulerSession, slotCount, themeFits, withinAvailability, overlaps } from '../src/modules/roadshows/sessions/scheduler';
import { Benchmark, BenchRow, infoRow, nowMs, ratioRow } from './lib';

/**
 * The roadshow scheduler (src/modules/roadshows/sessions/scheduler.ts) on a synthetic corridor-wide
 * workload: 1,200 screened projects into 60 sessions (10 days × 2 half-day blocks × 3 parallel
 * venues, 24 slots of 6 + 4 minutes each: 1,440 slots), against a trivial greedy baseline in the
 * same run (each project in input order takes the first free slot that suits it). Pure and
 * in-process: no database, no HTTP.
 *
 * There are more slots than projects, so what limits placement is fit: each session has a
 * two-industry theme (one in six is open), and most presenters can come on one or two half-days
 * only. Reported: the share of projects placed and the time per run (median of several), each as
 * a ratio to the baseline's. The scheduler finds a maximum matching: no schedule places more.
 */
export const schedulerBenchmark: Benchmark = {
  name: 'scheduler',
  async run(ctx) {
    const size = ctx.quick ? { projects: 300, days: 3 } : { projects: 1200, days: 10 };
    const { sessions, projects } = workload(size.projects, size.days);
    const slots = sessions.reduce((n, s) => n + slotCount(s), 0);
    ctx.log(`${projects.length} projects, ${sessions.length} sessions, ${slots} slots`);
    const runs = ctx.quick ? 3 : 7;

    const greedyBefore = measure(() => greedyFirstFit(sessions, projects), runs);
    const ours = measure(() => schedule(sessions, projects, { minGapMinutes: 30 }).placements.length, runs);
    const greedyAfter = measure(() => greedyFirstFit(sessions, projects), runs);
    const result = schedule(sessions, projects, { minGapMinutes: 30 });
    assertHardRules(sessions, projects, result.placements);
    // Determinism: the same input in another order gives the same schedule.
    const reversed = schedule([...sessions].reverse(), [...projects].reverse(), { minGapMinutes: 30 });
    if (JSON.stringify(reversed) !== JSON.stringify(result)) throw new Error('the scheduler is not deterministic');

    const share = (placed: number) => (100 * placed) / projects.length;
    const rows: BenchRow[] = [
      ratioRow('scheduler', `projects placed, ${projects.length} projects into ${sessions.length} sessions`, share(ours.value), '%', 'greedy first-fit placed', [share(greedyBefore.value), share(greedyAfter.value)]),
      ratioRow('scheduler', 'time per run (median)', ours.ms, 'ms', 'greedy first-fit time per run', [greedyBefore.ms, greedyAfter.ms]),
      infoRow('scheduler', 'projects placed by the scheduler', ours.value, 'projects'),
      infoRow('scheduler', 'projects placed by greedy first-fit', greedyBefore.value, 'projects'),
      infoRow('scheduler', 'slots available (upper bound on placements)', slots, 'slots'),
      ...(['no_theme_match', 'not_available', 'presenter_busy', 'slots_full'] as const).map((code) =>
        infoRow('scheduler', `unplaced by the scheduler: ${code}`, result.unplaced.filter((u) => u.code === code).length, 'projects'),
      ),
    ];
    ctx.log(`scheduler placed ${ours.value} in ${ours.ms.toFixed(1)} ms; greedy placed ${greedyBefore.value} in ${greedyBefore.ms.toFixed(2)} ms`);
    return rows;
  },
};

const INDUSTRIES = ['integrated_circuits', 'artificial_intelligence', 'biomedicine', 'high_end_equipment', 'new_energy', 'new_materials', 'new_energy_vehicles', 'digital_economy'];
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY0 = Date.UTC(2030, 3, 1, 1, 0); // 09:00 Asia/Shanghai
const BLOCKS = [0, 5 * HOUR]; // 09:00–13:00, 14:00–18:00
const VENUES = 3;
const SLOT_MINUTES = 10;

/** mulberry32: a seeded generator, so every run measures the same workload. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function workload(projectCount: number, days: number): { sessions: SchedulerSession[]; projects: SchedulerProject[] } {
  const rand = prng(60);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)];
  const sessions: SchedulerSession[] = [];
  for (let day = 0; day < days; day += 1) {
    for (const block of BLOCKS) {
      for (let venue = 0; venue < VENUES; venue += 1) {
        const n = sessions.length;
        const startsAt = DAY0 + day * 24 * HOUR + block;
        // Every sixth session is open to any industry; the others have a two-industry theme.
        const themes = n % 6 === 5 ? [] : [INDUSTRIES[n % 8], INDUSTRIES[(n * 3 + 1) % 8]];
        sessions.push({
          id: `s${String(n).padStart(3, '0')}`,
          startsAt,
          endsAt: startsAt + 4 * HOUR,
          slotMinutes: SLOT_MINUTES,
          themeIndustries: themes,
          occupiedSlotIndices: [],
          presentProjectIds: [],
          audienceFocus: { [pick(INDUSTRIES)]: Math.floor(rand() * 5) },
        });
      }
    }
  }
  const projects: SchedulerProject[] = [];
  for (let i = 0; i < projectCount; i += 1) {
    const availability = [];
    // A fifth of the presenters can come any time; the others name one or two half-days.
    if (rand() < 0.8) {
      const windows = 1 + Math.floor(rand() * 2);
      for (let w = 0; w < windows; w += 1) {
        const start = DAY0 + Math.floor(rand() * days) * 24 * HOUR + pick(BLOCKS);
        availability.push({ from: start, to: start + 4 * HOUR });
      }
    }
    const busy = [];
    if (rand() < 0.1) {
      const start = DAY0 + Math.floor(rand() * days) * 24 * HOUR + pick(BLOCKS) + Math.floor(rand() * 24) * SLOT_MINUTES * MIN;
      busy.push({ from: start, to: start + SLOT_MINUTES * MIN });
    }
    projects.push({ id: `p${String(i).padStart(5, '0')}`, industry: pick(INDUSTRIES), availability, busy, interest: Math.floor(rand() * 11), submittedAt: DAY0 - (projectCount - i) * MIN });
  }
  return { sessions, projects };
}

/** The baseline: projects in input order, each takes the first free slot (by session start) that suits it. */
export function greedyFirstFit(sessions: SchedulerSession[], projects: SchedulerProject[]): number {
  const ordered = [...sessions].sort((a, b) => a.startsAt - b.startsAt);
  const taken = new Set<string>();
  let placed = 0;
  for (const project of projects) {
    search: for (const session of ordered) {
      if (!themeFits(session.themeIndustries, project.industry)) continue;
      for (let index = 0; index < slotCount(session); index += 1) {
        const key = `${session.id}#${index}`;
        const from = session.startsAt + index * session.slotMinutes * MIN;
        const to = from + session.slotMinutes * MIN;
        if (taken.has(key) || !withinAvailability(project.availability, from, to) || project.busy.some((b) => overlaps(b, from, to))) continue;
        taken.add(key);
        placed += 1;
        break search;
      }
    }
  }
  return placed;
}

function measure(run: () => number, times: number): { value: number; ms: number } {
  const samples: number[] = [];
  let value = 0;
  for (let i = 0; i < times; i += 1) {
    const started = nowMs();
    value = run();
    samples.push(nowMs() - started);
  }
  samples.sort((a, b) => a - b);
  return { value, ms: samples[Math.floor(samples.length / 2)] };
}

/** The benchmark fails rather than report a fast schedule that breaks a hard rule. */
function assertHardRules(sessions: SchedulerSession[], projects: SchedulerProject[], placements: ReturnType<typeof schedule>['placements']): void {
  const bySession = new Map(sessions.map((s) => [s.id, s]));
  const byProject = new Map(projects.map((p) => [p.id, p]));
  const slotsUsed = new Set<string>();
  const projectsUsed = new Set<string>();
  for (const p of placements) {
    const session = bySession.get(p.sessionId)!;
    const project = byProject.get(p.projectId)!;
    const key = `${p.sessionId}#${p.slotIndex}`;
    if (slotsUsed.has(key) || projectsUsed.has(p.projectId)) throw new Error(`double placement at ${key}`);
    slotsUsed.add(key);
    projectsUsed.add(p.projectId);
    if (!themeFits(session.themeIndustries, project.industry)) throw new Error(`theme broken at ${key}`);
    if (!withinAvailability(project.availability, p.startsAt, p.endsAt)) throw new Error(`availability broken at ${key}`);
    if (project.busy.some((b) => overlaps(b, p.startsAt, p.endsAt))) throw new Error(`presenter overlap at ${key}`);
    if (p.startsAt < session.startsAt || p.endsAt > session.endsAt) throw new Error(`outside the window at ${key}`);
  }
}

