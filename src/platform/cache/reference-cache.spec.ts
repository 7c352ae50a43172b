import { CacheSpace } from './reference-cache';

describe('CacheSpace', () => {
  const counting = () => {
    let loads = 0;
    return { load: (value: string) => async () => { loads += 1; return value; }, loads: () => loads };
  };

  it('shares one load between concurrent callers and serves it afterwards', async () => {
    const space = new CacheSpace<string>(['t'], 10, () => true);
    const c = counting();
    const [x, y] = await Promise.all([space.get('k', c.load('a')), space.get('k', c.load('b'))]);
    expect([x, y, await space.get('k', c.load('c'))]).toEqual(['a', 'a', 'a']);
    expect(c.loads()).toBe(1);
  });

  it('keeps no failed load', async () => {
    const space = new CacheSpace<string>(['t'], 10, () => true);
    await expect(space.get('k', async () => { throw new Error('down'); })).rejects.toThrow('down');
    expect(await space.get('k', async () => 'up')).toBe('up');
  });

  it('evicts the least recently used entry past its size', async () => {
    const space = new CacheSpace<string>(['t'], 2, () => true);
    const c = counting();
    await space.get('a', c.load('a'));
    await space.get('b', c.load('b'));
    await space.get('a', c.load('a2')); // a is now the most recently used
    await space.get('c', c.load('c')); // evicts b
    expect(space.size).toBe(2);
    expect(await space.get('a', c.load('a3'))).toBe('a');
    expect(await space.get('b', c.load('b2'))).toBe('b2');
  });

  it('caches nothing while disabled (no LISTEN connection)', async () => {
    let enabled = false;
    const space = new CacheSpace<string>(['t'], 10, () => enabled);
    const c = counting();
    await space.get('k', c.load('a'));
    expect(await space.get('k', c.load('b'))).toBe('b');
    expect(space.size).toBe(0);
    enabled = true;
    await space.get('k', c.load('c'));
    expect(await space.get('k', c.load('d'))).toBe('c');
  });
});
