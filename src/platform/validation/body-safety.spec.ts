import { MAX_BODY_DEPTH, unsafeJsonReason } from './body-safety';

describe('unsafeJsonReason', () => {
  it('accepts ordinary bodies, Chinese text and paired surrogates (emoji)', () => {
    expect(unsafeJsonReason({ name: '嘉兴禾澄新材料科技有限公司', tags: ['🔬', { a: [1, 2, null] }] })).toBeUndefined();
  });

  it('refuses lone surrogates in values and keys', () => {
    expect(unsafeJsonReason({ email: 'a\ud800@b.cn' })).toContain('lone surrogate');
    expect(unsafeJsonReason({ ['k\udc00']: 1 })).toContain('lone surrogate');
  });

  it('refuses nesting deeper than the limit without recursing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(unsafeJsonReason(deep)).toBe(`is nested deeper than ${MAX_BODY_DEPTH} levels`);
    let ok: unknown = 1;
    for (let i = 0; i < MAX_BODY_DEPTH; i += 1) ok = { a: ok };
    expect(unsafeJsonReason(ok)).toBeUndefined();
  });
});
