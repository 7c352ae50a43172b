import { nextHost } from './rotation';

describe('alliance series rotation', () => {
  const nine = ['310117', '330400', '330100', '330700', '320500', '330500', '341800', '340200', '340100'];

  it('takes the cities in their listed order and wraps around', () => {
    expect(nextHost(nine, [], 0)).toEqual({ cityCode: '310117', position: 0 });
    expect(nextHost(nine, [], 8)).toEqual({ cityCode: '340100', position: 8 });
    expect(nextHost(nine, [], 9 % nine.length)).toEqual({ cityCode: '310117', position: 0 });
  });

  it('skips cities that opted out, wrapping past the end', () => {
    expect(nextHost(nine, ['330400', '330100'], 1)).toEqual({ cityCode: '330700', position: 3 });
    expect(nextHost(nine, ['340100', '310117'], 8)).toEqual({ cityCode: '330400', position: 1 });
  });

  it('has no host when every member opted out', () => {
    expect(nextHost(['330400', '330100'], ['330400', '330100'], 0)).toBeNull();
  });
});
