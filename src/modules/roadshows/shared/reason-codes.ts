/**
 * Why the scheduler placed a project where it did, why it left one out, and what a slot still warns about: stable
 * codes with parameters (docs/domain.md, "Scheduling"). The portal words each code in the reader's language
 * (`roadshow.reason.<code>` in web/src/areas/roadshow/messages.ts); `reasonText` is the English wording the API
 * returned before the codes existed, kept in the deprecated string fields for the clients that read them.
 */
export interface ReasonCode {
  code: ReasonCodeName;
  params: Record<string, string | number>;
}

const ENGLISH = {
  // Placements
  theme_open: () => 'the session has no theme: any industry fits',
  theme_match: (p) => `theme match: ${p.industry} is a theme of the session`,
  availability_open: () => 'the presenters declared no availability limits',
  within_availability: () => 'inside the presenters’ declared availability',
  interest_rank: (p) => `investor interest ${p.interest} (rank ${p.rank} of ${p.of})`,
  audience_focus: (p) => `${p.count} RSVP’d investor(s) focus on ${p.industry}`,
  preferred_slot: () => 'its most preferred free slot',
  fallback_slot: (p) => `its choice ${p.choice} of ${p.of}: preferred slots went to others`,
  placed_by_hand: () => 'placed by hand by the roadshow centre',
  // Warnings (soft rules)
  short_gap: (p) => `only ${p.minutes} min between this slot and another slot of the ${p.of === 'project' ? 'project' : 'presenting enterprise'}`,
  theme_mismatch: (p) => `${p.industry} is not a theme of this session (${p.themes})`,
  outside_availability: () => 'the slot is outside the presenters’ declared availability',
  // Left out
  no_theme_match: (p) => `no session in this run has a theme covering ${p.industry}`,
  not_available: (p) => `none of the ${p.sessions} session(s) with a matching theme has a free slot inside the presenters' declared availability`,
  presenter_busy: (p) => `every suitable free slot (${p.slots}) overlaps a slot the project already holds`,
  slots_full: (p) =>
    `all ${p.slots} suitable slot(s) went to projects ranked higher (this one ranks ${p.rank} of ${p.of}${p.busyElsewhere ? ', after projects without a slot elsewhere' : ''}; investor interest ${p.interest}, then submission time)`,
} satisfies Record<string, (p: Record<string, string | number>) => string>;

export type ReasonCodeName = keyof typeof ENGLISH;
export const REASON_CODES = Object.keys(ENGLISH) as ReasonCodeName[];

export function reason(code: ReasonCodeName, params: Record<string, string | number> = {}): ReasonCode {
  return { code, params };
}

/** The English sentence of a code (the deprecated `reasons` / `reason` / `explanation` / `message` fields). */
export function reasonText(r: ReasonCode): string {
  return ENGLISH[r.code](r.params);
}
