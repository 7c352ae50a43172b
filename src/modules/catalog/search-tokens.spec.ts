import { arrayLiteral, buildSearchQuery, indexTokens, likePattern, searchText, textRuns, tsqueryLiteral } from './search-tokens';

describe('catalogue search tokens', () => {
  it('indexes unigrams and overlapping bigrams of Han runs, and whole words of other scripts', () => {
    const text = searchText(['X射线荧光光谱分析', null, 'ＺＳＸ Primus-IV', '']);
    expect(text).toBe('x射线荧光光谱分析 | zsx primus-iv');
    expect(new Set(indexTokens(text))).toEqual(
      new Set(['x', '射', '射线', '线', '线荧', '荧', '荧光', '光', '光光', '光谱', '谱', '谱分', '分', '分析', '析', 'zsx', 'primus', 'iv']),
    );
  });

  it('splits runs at script changes and punctuation; keeps surrogate-pair Han characters whole', () => {
    expect(textRuns('icp-ms检测(7700x)')).toEqual([
      { kind: 'word', text: 'icp' }, { kind: 'word', text: 'ms' }, { kind: 'han', text: '检测' }, { kind: 'word', text: '7700x' },
    ]);
    expect(new Set(indexTokens('𠀀𠀁'))).toEqual(new Set(['𠀀', '𠀁', '𠀀𠀁']));
    expect(textRuns('μm级')).toEqual([{ kind: 'word', text: 'μm' }, { kind: 'han', text: '级' }]);
  });

  it('queries one character by its unigram, longer runs by their bigrams; a contiguous recheck only for Han runs of 3+ characters', () => {
    expect(buildSearchQuery('光')).toEqual({ tsquery: "'光'", patterns: [], keywords: ['%光%'], chars: ['光'], exact: '光', runs: [{ kind: 'han', text: '光' }] });
    expect(buildSearchQuery('光谱')).toEqual({ tsquery: "'光谱'", patterns: [], keywords: ['%光谱%'], chars: ['光', '谱'], exact: '光谱', runs: [{ kind: 'han', text: '光谱' }] });
    expect(buildSearchQuery('电感耦合')).toMatchObject({ tsquery: "'电感' & '感耦' & '耦合'", patterns: ['%电感耦合%'], keywords: ['%电感耦合%'] });
    expect(buildSearchQuery(' ＩＣＰ-MS 检测 ')).toEqual({
      tsquery: "'icp' & 'ms' & '检测'", patterns: [], keywords: ['%icp%', '%ms%', '%检测%'], chars: ['i', 'c', 'p', 'm', 's', '检', '测'], exact: 'icp-ms 检测',
      runs: [{ kind: 'word', text: 'icp' }, { kind: 'word', text: 'ms' }, { kind: 'han', text: '检测' }],
    });
    expect(buildSearchQuery('SH-XRF-001')).toMatchObject({ tsquery: "'sh' & 'xrf' & '001'", exact: 'sh-xrf-001' });
    expect(buildSearchQuery(' ！？ ')).toBeNull();
  });

  it('escapes what the tsquery, array and LIKE syntaxes treat specially', () => {
    expect(tsqueryLiteral(["o'k", 'a\\b'])).toBe("'o''k' & 'a\\\\b'");
    expect(arrayLiteral(['null', '光谱'])).toBe('{"null","光谱"}');
    expect(arrayLiteral([])).toBe('{}');
    expect(likePattern('50%_a\\')).toBe('%50\\%\\_a\\\\%');
  });
});
