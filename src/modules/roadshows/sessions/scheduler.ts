/**
 * The automatic roadshow scheduler (路演排期), a pure function: the same input gives the same
 * output, whatever order the input lists things in.
 *
 * Each project gets at most one slot per run, so the problem is a bipartite matching between
 * projects and free slots, where an edge means "the slot suits the project": the session's
 * theme covers the project's industry, the slot lies inside the presenters' declared
 * availability, and it does not overlap a slot the project already holds elsewhere.
 *
 * Projects are taken in priority order (those without a slot elsewhere first, then investor
 * interest, then first come) and each one
 * looks for an augmenting path (Kuhn's algorithm): a project may move an already placed one to
 * another slot that suits it, but never unseats it. Because suitable (project, slot) sets form a
 * transversal matroid, this places as many projects as any schedule could, and among such
 * schedules prefers projects with more investor interest. Within a project, slots are tried in
 * order of preference: no short gap to its other slots, an audience whose focus matches, earlier.
 */

import { reason, ReasonCode, reasonText } from '../shared/reason-codes';

export interface TimeWindow {
  /** Epoch milliseconds. */
  from: number;
  to: number;
}

export interface SchedulerSession {
  id: string;
  startsAt: number;
  endsAt: number;
  /** Pitch + Q&A. */
  slotMinutes: number;
  /** Empty: any industry fits. */
  themeIndustries: string[];
  /** Slot indices already taken (earlier runs, manual edits). */
  occupiedSlotIndices: number[];
  /** Projects that already have a slot in this session. */
  presentProjectIds: string[];
  /** Confirmed audience per industry of focus (investors who RSVP'd), for preference only. */
  audienceFocus: Record<string, number>;
}

export interface SchedulerProject {
  id: string;
  industry: string;
  /** Declared availability; empty: any time. */
  availability: TimeWindow[];
  /** Slots the project already holds elsewhere. */
  busy: TimeWindow[];
  /** Investor interest: follows, interest records and matching investor profiles, weighted. */
  interest: number;
  /** Epoch ms of submission: first come, first placed among equals. */
  submittedAt: number;
}

export interface SchedulerOptions {
  /** Less time than this between two of a presenter's slots is a soft issue: avoided, else warned. */
  minGapMinutes: number;
}

export interface Placement {
  projectId: string;
  sessionId: string;
  slotIndex: number;
  startsAt: number;
  endsAt: number;
  /** Why this slot, as codes the portal words. */
  reasonCodes: ReasonCode[];
  /** Soft issues this placement still has, as codes. */
  warningCodes: ReasonCode[];
  /** English wording of reasonCodes (deprecated). */
  reasons: string[];
  /** English wording of warningCodes, prefixed with the code (deprecated). */
  warnings: string[];
}

export type UnplacedCode = 'no_theme_match' | 'not_available' | 'presenter_busy' | 'slots_full';

export interface Unplaced {
  projectId: string;
  code: UnplacedCode;
  /** The code's parameters, for the portal's wording. */
  params: Record<string, string | number>;
  /** English wording (deprecated). */
  reason: string;
}

function unplacedOf(projectId: string, code: UnplacedCode, params: Record<string, string | number>): Unplaced {
  return { projectId, code, params, reason: reasonText(reason(code, params)) };
}

export interface ScheduleResult {
  placements: Placement[];
  unplaced: Unplaced[];
  stats: { projects: number; placed: number; freeSlotsBefore: number; freeSlotsAfter: number };
}

interface Slot {
  session: SchedulerSession;
  index: number;
  from: number;
  to: number;
}

interface Candidate {
  slot: number;
  shortGap: boolean;
  affinity: number;
}

const MINUTE = 60_000;

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function themeFits(themes: readonly string[], industry: string): boolean {
  return themes.length === 0 || themes.includes(industry);
}

export function withinAvailability(availability: readonly TimeWindow[], from: number, to: number): boolean {
  return availability.length === 0 || availability.some((w) => w.from <= from && to <= w.to);
}

export function overlaps(a: TimeWindow, from: number, to: number): boolean {
  return a.from < to && from < a.to;
}

/** Minutes between [from, to) and the nearest busy window that does not overlap it, or Infinity. */
export function gapMinutes(busy: readonly TimeWindow[], from: number, to: number): number {
  let best = Infinity;
  for (const b of busy) {
    if (overlaps(b, from, to)) return 0;
    const gap = b.to <= from ? from - b.to : b.from - to;
    best = Math.min(best, gap / MINUTE);
  }
  return best;
}

/** The slot grid of a session: back-to-back pitch + Q&A slots from its start. */
export function slotCount(session: Pick<SchedulerSession, 'startsAt' | 'endsAt' | 'slotMinutes'>): number {
  return Math.max(0, Math.floor((session.endsAt - session.startsAt) / (session.slotMinutes * MINUTE)));
}

export function schedule(sessionsIn: readonly SchedulerSession[], projectsIn: readonly SchedulerProject[], options: SchedulerOptions): ScheduleResult {
  const sessions = [...sessionsIn].sort((a, b) => a.startsAt - b.startsAt || byId(a, b));
  const minGap = options.minGapMinutes;

  // Every slot of every session; free ones are matchable.
  const allSlots: Slot[] = [];
  const free: number[] = [];
  for (const session of sessions) {
    const taken = new Set(session.occupiedSlotIndices);
    for (let index = 0; index < slotCount(session); index += 1) {
      const from = session.startsAt + index * session.slotMinutes * MINUTE;
      allSlots.push({ session, index, from, to: from + session.slotMinutes * MINUTE });
      if (!taken.has(index)) free.push(allSlots.length - 1);
    }
  }

  // Priority: projects without a slot elsewhere first (every project gets its turn before any
  // gets a second), then more investor interest, then first come, then id (a total order).
  const projects = [...projectsIn].sort((a, b) => Number(a.busy.length > 0) - Number(b.busy.length > 0) || b.interest - a.interest || a.submittedAt - b.submittedAt || byId(a, b));
  const rank = new Map(projects.map((p, i) => [p.id, i + 1]));

  const candidates: Candidate[][] = [];
  const unplaced: Unplaced[] = [];
  const reasonless = new Map<number, Unplaced>();
  projects.forEach((project, p) => {
    const themed = new Set(sessions.filter((s) => themeFits(s.themeIndustries, project.industry) && !s.presentProjectIds.includes(project.id)));
    const list: Candidate[] = [];
    let available = 0;
    for (const slot of free) {
      const { session, from, to } = allSlots[slot];
      if (!themed.has(session) || !withinAvailability(project.availability, from, to)) continue;
      available += 1;
      if (project.busy.some((b) => overlaps(b, from, to))) continue;
      list.push({ slot, shortGap: gapMinutes(project.busy, from, to) < minGap, affinity: session.audienceFocus[project.industry] ?? 0 });
    }
    list.sort((a, b) => Number(a.shortGap) - Number(b.shortGap) || b.affinity - a.affinity || a.slot - b.slot);
    candidates.push(list);
    if (themed.size === 0) {
      reasonless.set(p, unplacedOf(project.id, 'no_theme_match', { industry: project.industry }));
    } else if (available === 0) {
      reasonless.set(p, unplacedOf(project.id, 'not_available', { sessions: themed.size }));
    } else if (list.length === 0) {
      reasonless.set(p, unplacedOf(project.id, 'presenter_busy', { slots: available }));
    }
  });

  // Kuhn's augmenting paths in priority order. `visited` is kept across failed searches: a search
  // that fails leaves the matching unchanged, so the slots it saw cannot help a later search either.
  const owner = new Map<number, number>();
  const slotOf = new Map<number, number>();
  let visited = new Set<number>();
  const augment = (p: number): boolean => {
    // Iterative DFS: an explicit stack of (project, next candidate position).
    const stack: { p: number; i: number; via: number }[] = [{ p, i: 0, via: -1 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const list = candidates[top.p];
      let pushed = false;
      while (top.i < list.length) {
        const slot = list[top.i].slot;
        top.i += 1;
        if (visited.has(slot)) continue;
        visited.add(slot);
        const holder = owner.get(slot);
        if (holder === undefined) {
          // Found a free slot: shift every project on the path one step along it.
          let current = slot;
          for (let k = stack.length - 1; k >= 0; k -= 1) {
            const frame = stack[k];
            owner.set(current, frame.p);
            slotOf.set(frame.p, current);
            current = frame.via;
          }
          return true;
        }
        stack.push({ p: holder, i: 0, via: slot });
        pushed = true;
        break;
      }
      if (!pushed) stack.pop();
    }
    return false;
  };

  projects.forEach((_project, p) => {
    if (candidates[p].length === 0) return;
    // A free preferred slot first; only otherwise look for a path that moves others.
    const direct = candidates[p].find((c) => !owner.has(c.slot));
    if (direct) {
      owner.set(direct.slot, p);
      slotOf.set(p, direct.slot);
      return;
    }
    if (augment(p)) visited = new Set<number>();
  });

  const placements: Placement[] = [];
  projects.forEach((project, p) => {
    const slot = slotOf.get(p);
    if (slot === undefined) {
      const known = reasonless.get(p);
      if (known) unplaced.push(known);
      else {
        unplaced.push(
          unplacedOf(project.id, 'slots_full', { slots: candidates[p].length, rank: rank.get(project.id)!, of: projects.length, busyElsewhere: project.busy.length > 0 ? 1 : 0, interest: project.interest }),
        );
      }
      return;
    }
    const { session, index, from, to } = allSlots[slot];
    const choice = candidates[p].findIndex((c) => c.slot === slot);
    const candidate = candidates[p][choice];
    const reasonCodes = [
      session.themeIndustries.length === 0 ? reason('theme_open') : reason('theme_match', { industry: project.industry }),
      project.availability.length === 0 ? reason('availability_open') : reason('within_availability'),
      reason('interest_rank', { interest: project.interest, rank: rank.get(project.id)!, of: projects.length }),
    ];
    if (candidate.affinity > 0) reasonCodes.push(reason('audience_focus', { count: candidate.affinity, industry: project.industry }));
    reasonCodes.push(choice === 0 ? reason('preferred_slot') : reason('fallback_slot', { choice: choice + 1, of: candidates[p].length }));
    const gap = gapMinutes(project.busy, from, to);
    const warningCodes = gap < minGap ? [reason('short_gap', { minutes: Math.round(gap), of: 'project' })] : [];
    placements.push({
      projectId: project.id,
      sessionId: session.id,
      slotIndex: index,
      startsAt: from,
      endsAt: to,
      reasonCodes,
      warningCodes,
      reasons: reasonCodes.map(reasonText),
      warnings: warningCodes.map((w) => `${w.code}: ${reasonText(w)}`),
    });
  });
  placements.sort((a, b) => a.startsAt - b.startsAt || (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0) || a.slotIndex - b.slotIndex);
  unplaced.sort((a, b) => (rank.get(a.projectId) ?? 0) - (rank.get(b.projectId) ?? 0));
  return {
    placements,
    unplaced,
    stats: { projects: projects.length, placed: placements.length, freeSlotsBefore: free.length, freeSlotsAfter: free.length - placements.length },
  };
}
