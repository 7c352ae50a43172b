import { hostAllowed, streamPlayer } from './stream-url';

const ALLOWED = ['live.g60.example', '*.player.example'];

describe('stream URLs: https on an allowed host; HLS or a player page', () => {
  it('classifies HLS playlists and player pages', () => {
    expect(streamPlayer('https://live.g60.example/rs/1/index.m3u8', ALLOWED)).toEqual({ player: { kind: 'hls', url: 'https://live.g60.example/rs/1/index.m3u8' } });
    expect(streamPlayer('https://a.player.example/embed?id=7', ALLOWED)).toEqual({ player: { kind: 'iframe', url: 'https://a.player.example/embed?id=7' } });
  });

  it.each([
    ['http://live.g60.example/x.m3u8', 'https'],
    ['javascript:alert(1)', 'https'],
    ['https://user:pw@live.g60.example/x', 'credentials'],
    ['https://evil.example/x', 'not an allowed'],
    ['https://live.g60.example.evil.example/x', 'not an allowed'],
    ['https://player.example/x', 'not an allowed'],
    ['not a url', 'absolute'],
    [`https://live.g60.example/${'a'.repeat(500)}`, 'at most'],
  ])('refuses %s', (url, why) => {
    const result = streamPlayer(url, ALLOWED);
    expect('refused' in result && result.refused).toContain(why);
  });

  it('an empty allow-list refuses every host', () => {
    expect(streamPlayer('https://live.g60.example/x', [])).toEqual({ refused: expect.stringContaining('LIVE_STREAM_HOSTS') });
    expect(hostAllowed('LIVE.G60.EXAMPLE', ALLOWED)).toBe(true);
  });
});
