import { diffSnapshots } from './approval.mapper';

describe('diffSnapshots (revision diffs)', () => {
  it('lists changed leaves with dotted paths, sorted', () => {
    expect(diffSnapshots({ a: 1, b: { c: 'x', d: [1] }, e: 'same' }, { a: 2, b: { c: 'x', d: [1, 2] }, e: 'same', f: true })).toEqual([
      { path: 'a', before: 1, after: 2 },
      { path: 'b.d', before: [1], after: [1, 2] },
      { path: 'f', before: null, after: true },
    ]);
  });

  it('is empty for equal snapshots and reports a removed key', () => {
    expect(diffSnapshots({ a: { b: 1 } }, { a: { b: 1 } })).toEqual([]);
    expect(diffSnapshots({ a: 1, gone: 'x' }, { a: 1 })).toEqual([{ path: 'gone', before: 'x', after: null }]);
  });
});
