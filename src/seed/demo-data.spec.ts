import { isValidUscc } from '../../packages/shared/uscc';
import {
  DEMO_CONTROLLER_GROUPS,
  DEMO_ENTERPRISES,
  DEMO_PROVIDERS,
  JIAXING_DISTRICTS,
  SHANGHAI_CODE,
} from './demo-data';

const DISTRICTS = ['330402', '330411', '330421', '330424', '330481', '330482', '330483'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

describe('demo data', () => {
  const all = [...DEMO_ENTERPRISES, ...DEMO_PROVIDERS];

  it('has the expected volume', () => {
    expect(DEMO_ENTERPRISES.length).toBeGreaterThanOrEqual(24);
    expect(DEMO_PROVIDERS.length).toBeGreaterThanOrEqual(32);
    expect(DEMO_PROVIDERS.filter((p) => DISTRICTS.includes(p.regionCode))).toHaveLength(12);
    expect(DEMO_PROVIDERS.filter((p) => p.uscc.slice(2, 4) === '31')).toHaveLength(20);
  });

  it('knows exactly the seven Jiaxing districts', () => {
    expect(Object.keys(JIAXING_DISTRICTS).sort()).toEqual(DISTRICTS);
  });

  it('has only valid, unique USCCs', () => {
    for (const o of all) expect([o.key, isValidUscc(o.uscc)]).toEqual([o.key, true]);
    expect(new Set(all.map((o) => o.uscc)).size).toBe(all.length);
  });

  it('has unique keys and names', () => {
    const keys = [...all.map((o) => o.key), ...DEMO_CONTROLLER_GROUPS.map((g) => g.key)];
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(all.map((o) => o.name)).size).toBe(all.length);
  });

  it('places every enterprise in a Jiaxing district with a matching USCC division code', () => {
    for (const e of DEMO_ENTERPRISES) {
      expect([e.key, DISTRICTS.includes(e.regionCode)]).toEqual([e.key, true]);
      expect([e.key, e.uscc.slice(2, 8)]).toEqual([e.key, e.regionCode]);
    }
  });

  it('covers every district with at least one enterprise', () => {
    for (const d of DISTRICTS) {
      expect([d, DEMO_ENTERPRISES.some((e) => e.regionCode === d)]).toEqual([d, true]);
    }
  });

  it('gives providers region codes consistent with their USCC', () => {
    for (const p of DEMO_PROVIDERS) {
      const division = p.uscc.slice(2, 8);
      if (division.startsWith('31')) {
        const expected = division === '310117' ? ['310117', SHANGHAI_CODE] : [SHANGHAI_CODE];
        expect([p.key, expected.includes(p.regionCode)]).toEqual([p.key, true]);
      } else {
        expect([p.key, p.regionCode]).toEqual([p.key, division]);
        expect(DISTRICTS).toContain(p.regionCode);
      }
    }
  });

  it('has mostly active providers but every admission state represented', () => {
    const active = DEMO_PROVIDERS.filter((p) => p.admissionStatus === 'active').length;
    expect(active / DEMO_PROVIDERS.length).toBeGreaterThan(0.6);
    for (const s of ['active', 'in_review', 'public_notice', 'applied'] as const) {
      expect(DEMO_PROVIDERS.some((p) => p.admissionStatus === s)).toBe(true);
    }
  });

  it('shares at least one controller group between enterprises, and references only known groups', () => {
    const groupKeys = new Set(DEMO_CONTROLLER_GROUPS.map((g) => g.key));
    const counts = new Map<string, number>();
    for (const e of DEMO_ENTERPRISES) {
      if (e.controllerGroupKey === undefined) continue;
      expect(groupKeys.has(e.controllerGroupKey)).toBe(true);
      counts.set(e.controllerGroupKey, (counts.get(e.controllerGroupKey) ?? 0) + 1);
    }
    expect([...counts.values()].some((n) => n >= 2)).toBe(true);
  });

  it('has consistent qualifications and tiers', () => {
    for (const e of DEMO_ENTERPRISES) {
      expect([...e.tiers].sort()).toEqual([...new Set(e.qualifications.map((q) => q.kind))].sort());
      for (const q of e.qualifications) {
        expect(q.validFrom).toMatch(DATE);
        expect(q.validTo).toMatch(DATE);
        expect(q.validFrom < q.validTo).toBe(true);
        if (q.kind === 'high_tech') expect(q.certificateNo).toMatch(/^GR20\d{2}33\d{6}$/);
      }
    }
    const certs = DEMO_ENTERPRISES.flatMap((e) => e.qualifications.map((q) => q.certificateNo));
    expect(new Set(certs).size).toBe(certs.length);
  });

  it('is deterministic across module reloads', () => {
    jest.isolateModules(() => {
      const again = require('./demo-data') as typeof import('./demo-data');
      expect(again.DEMO_ENTERPRISES).toEqual(DEMO_ENTERPRISES);
      expect(again.DEMO_PROVIDERS).toEqual(DEMO_PROVIDERS);
    });
  });
});
