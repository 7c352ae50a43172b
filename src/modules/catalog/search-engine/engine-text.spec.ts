import { buildSearchQuery } from '../search-tokens';
import { engineFields, engineMatch, MAX_SUBSTRING, nameSubstringTokens } from './engine-text';
import { uuidKeys } from './search-engine.feeder';

describe('what the search engine indexes and asks', () => {
  it('writes Han characters as code points, words whole, a separator after every run; the name apart from the rest', () => {
    expect(engineFields('光谱 分析 | icp-ms μm')).toEqual({
      name: 'h5149 h8c31 zz h5206 h6790 zz',
      body: expect.stringMatching(/^wicp zz wms zz v[0-9a-f]{39} zz$/),
      namesub: '',
    });
    // A name with a word: every substring of it, for "the name holds the keyword" (LIKE '%kw%').
    expect(engineFields('zsx检测').namesub.split(' ').sort()).toEqual(['ss', 'ssx', 'sx', 'sz', 'szs', 'szsx'].sort());
  });

  it('bounds the substrings of a long word', () => {
    const subs = nameSubstringTokens('a'.repeat(100)).split(' ');
    expect(subs).toHaveLength(MAX_SUBSTRING); // a, aa, … up to MAX_SUBSTRING long
  });

  it('asks for runs as phrases, words whole, and the tiers by the name', () => {
    expect(engineMatch(buildSearchQuery('光谱 ICP')!)).toEqual({
      all: '(@(name,body) "h5149 h8c31" wicp)',
      tier1: '(@(name,body) "h5149 h8c31" wicp) (@name "h5149 h8c31") (@namesub sicp)',
      tier2: '(@(name,body) "h5149 h8c31" wicp) -((@name "h5149 h8c31") (@namesub sicp))',
    });
    expect(engineMatch(buildSearchQuery('光')!)!.all).toBe('(@(name,body) h5149)');
    expect(engineMatch(buildSearchQuery('x'.repeat(MAX_SUBSTRING + 1))!)).toBeNull();
  });

  it('orders the halves of a UUID as the UUID', () => {
    const ids = ['00000000-0000-0000-0000-000000000000', '7fffffff-ffff-4fff-bfff-ffffffffffff', '80000000-0000-4000-8000-000000000001', 'ffffffff-ffff-4fff-bfff-fffffffffffe', 'ffffffff-ffff-4fff-bfff-ffffffffffff'];
    const keys = ids.map((id) => uuidKeys(id).map(BigInt));
    for (let i = 1; i < keys.length; i++) expect(keys[i - 1][0] < keys[i][0] || (keys[i - 1][0] === keys[i][0] && keys[i - 1][1] < keys[i][1])).toBe(true);
    expect(keys[0][0]).toBe(-(2n ** 63n));
  });
});
