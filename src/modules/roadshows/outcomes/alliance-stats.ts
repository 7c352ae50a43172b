import { EntityManager } from 'typeorm';
import { AllianceCityStatsDto } from './dto/outcome.dto';

/** Which sessions, referrals and landings a row counts: one city's (`$3` holds one code) or the alliance's (`$3` all of them). */
interface Scope {
  hosts: (column: string) => string;
  coHosts: (column: string) => string;
  receives: (column: string) => string;
  refers: (column: string) => string;
}

const ONE_CITY: Scope = {
  hosts: (c) => `${c} = c.code`,
  coHosts: (c) => `c.code = ANY (${c})`,
  receives: (c) => `${c} = c.code`,
  refers: (c) => `${c} = c.code`,
};
const ALLIANCE: Scope = {
  hosts: (c) => `${c} = ANY ($3::text[])`,
  coHosts: (c) => `${c} && $3::text[]`,
  receives: (c) => `${c} = ANY ($3::text[])`,
  refers: (c) => `${c} = ANY ($3::text[])`,
};

const inPeriod = (column: string) => `($1::date IS NULL OR ${column} >= $1::date) AND ($2::date IS NULL OR ${column} <= $2::date)`;
const day = (column: string) => `(${column} AT TIME ZONE 'Asia/Shanghai')::date`;

/**
 * The figures of docs/domain.md, "Alliance statistics", for one scope. Sessions count when published or finished
 * and starting in the period; the alliance total counts each session, project, investor and interest once even
 * when several cities share it.
 */
function figures(s: Scope): string {
  const sessions = `SELECT x.id, x.status, x.host_city_code, x.co_host_city_codes FROM roadshow_sessions x
                     WHERE x.status IN ('published', 'finished') AND ${inPeriod(day('x.starts_at'))}`;
  const hosted = `SELECT id, status FROM (${sessions}) h WHERE ${s.hosts('h.host_city_code')}`;
  const attending = `SELECT r.user_id FROM roadshow_rsvps r WHERE r.status = 'confirmed' AND r.session_id IN (SELECT id FROM (${hosted}) a)`;
  const live = `SELECT a.user_id FROM roadshow_live_attendance a WHERE a.role = 'investor' AND a.session_id IN (SELECT id FROM (${hosted}) b)`;
  return `
    (SELECT count(*) FROM (${hosted}) q)::int AS sessions_hosted,
    (SELECT count(*) FROM (${sessions}) q WHERE ${s.coHosts('q.co_host_city_codes')})::int AS sessions_co_hosted,
    (SELECT count(DISTINCT sl.project_id) FROM roadshow_slots sl WHERE sl.session_id IN (SELECT id FROM (${hosted}) f WHERE f.status = 'finished'))::int AS projects_presented,
    (SELECT count(DISTINCT u.user_id) FROM (${attending} UNION ${live}) u)::int AS investors_attending,
    (SELECT count(DISTINCT u.user_id) FROM (${live}) u)::int AS live_attendees,
    (SELECT count(*) FROM roadshow_interests i WHERE ${inPeriod(day('i.created_at'))}
        AND EXISTS (SELECT 1 FROM roadshow_slots sl WHERE sl.project_id = i.project_id AND sl.session_id IN (SELECT id FROM (${hosted}) g)))::int AS interests,
    (SELECT count(*) FROM roadshow_referrals f WHERE ${s.receives('f.to_city_code')} AND ${inPeriod(day('f.created_at'))})::int AS referrals_in,
    (SELECT count(*) FROM roadshow_referrals f WHERE ${s.receives('f.to_city_code')} AND f.status = 'accepted' AND ${inPeriod(day('f.created_at'))})::int AS referrals_in_accepted,
    (SELECT count(*) FROM roadshow_referrals f WHERE ${s.refers('f.from_city_code')} AND ${inPeriod(day('f.created_at'))})::int AS referrals_out,
    (SELECT count(*) FROM roadshow_outcomes o WHERE ${s.receives('o.landing_city_code')} AND ${inPeriod('o.landed_on')})::int AS landings`;
}

interface FigureRow {
  key: string;
  sessions_hosted: number;
  sessions_co_hosted: number;
  projects_presented: number;
  investors_attending: number;
  live_attendees: number;
  interests: number;
  referrals_in: number;
  referrals_in_accepted: number;
  referrals_out: number;
  landings: number;
}

function toDto(r: FigureRow): AllianceCityStatsDto {
  return {
    key: r.key,
    sessionsHosted: r.sessions_hosted,
    sessionsCoHosted: r.sessions_co_hosted,
    projectsPresented: r.projects_presented,
    investorsAttending: r.investors_attending,
    liveAttendees: r.live_attendees,
    interests: r.interests,
    referralsIn: r.referrals_in,
    referralsInAccepted: r.referrals_in_accepted,
    referralsOut: r.referrals_out,
    landings: r.landings,
  };
}

/** Per city for `cities` (in their order), and the alliance total over `allianceCities` when `withTotal`. */
export async function allianceStats(
  manager: EntityManager,
  period: { from: string | null; to: string | null },
  cities: string[],
  allianceCities: string[],
  withTotal: boolean,
): Promise<{ cities: AllianceCityStatsDto[]; total: AllianceCityStatsDto | null }> {
  const rows = (await manager.query(
    `SELECT c.code AS key, ${figures(ONE_CITY)} FROM unnest($3::text[]) WITH ORDINALITY AS c(code, n) ORDER BY c.n`,
    [period.from, period.to, cities],
  )) as FigureRow[];
  if (!withTotal) return { cities: rows.map(toDto), total: null };
  const [total] = (await manager.query(`SELECT 'total' AS key, ${figures(ALLIANCE)}`, [period.from, period.to, allianceCities])) as FigureRow[];
  return { cities: rows.map(toDto), total: toDto(total) };
}
