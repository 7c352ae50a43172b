/**
 * A cloud roadshow's stream, player or replay URL (docs/domain.md, "Live roadshows"): https only, no credentials,
 * on a host of LIVE_STREAM_HOSTS (`live.example.com`, or `*.example.com` for its subdomains). An HLS playlist
 * (`….m3u8`) plays in a <video>; anything else is a provider's player page, embedded in an iframe.
 */
export type StreamPlayer = { kind: 'hls' | 'iframe'; url: string };

export const STREAM_URL_MAX_LENGTH = 500;

export function hostAllowed(host: string, allowList: readonly string[]): boolean {
  const h = host.toLowerCase();
  return allowList.some((entry) => (entry.startsWith('*.') ? h.endsWith(entry.slice(1)) && h.length > entry.length - 1 : h === entry));
}

/** The player for `raw`, or why it is refused (a sentence for the field's 400). */
export function streamPlayer(raw: string, allowList: readonly string[]): { player: StreamPlayer } | { refused: string } {
  if (raw.length > STREAM_URL_MAX_LENGTH) return { refused: `must be at most ${STREAM_URL_MAX_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { refused: 'must be an absolute https URL' };
  }
  if (url.protocol !== 'https:') return { refused: 'must be an https URL' };
  if (url.username || url.password) return { refused: 'must not carry credentials' };
  if (!hostAllowed(url.host, allowList)) {
    return { refused: allowList.length ? `${url.host} is not an allowed stream host (${allowList.join(', ')})` : 'no stream host is allowed on this platform (LIVE_STREAM_HOSTS is empty)' };
  }
  return { player: { kind: /\.m3u8$/i.test(url.pathname) ? 'hls' : 'iframe', url: url.toString() } };
}
