import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may point (docs/security.md, "Outbound calls"). A URL is http(s) without
 * credentials; every address its host resolves to must be public, unless the platform admin put
 * the host on the allow-list. Cloud metadata addresses are never reachable, allow-listed or not.
 * The same check runs when the webhook is created and again before every delivery, which then
 * connects to exactly the address that was checked.
 */

/** Instance metadata services (AWS/GCP/Azure/Alibaba 169.254.169.254, AWS IPv6 fd00:ec2::254, Oracle 192.0.0.192). */
const METADATA = new Set(['169.254.169.254', 'fd00:ec2::254', '192.0.0.192', '100.100.100.200']);

const internal = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // unspecified, "this network"
  ['10.0.0.0', 8], // private (RFC 1918)
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (metadata services live here)
  ['172.16.0.0', 12], // private (RFC 1918)
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16], // private (RFC 1918)
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  internal.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
  ['100::', 64], // discard
] as const) {
  internal.addSubnet(net, prefix, 'ipv6');
}

/** The IPv4 address hidden in an IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) IPv6 address. */
function embeddedIpv4(ipv6: string): string | undefined {
  const groups = expandIpv6(ipv6);
  if (!groups) return undefined;
  const prefix = groups.slice(0, 6).map((g) => g.toString(16)).join(':');
  const mapped = prefix === '0:0:0:0:0:ffff' || prefix === '0:0:0:0:0:0' || prefix === '64:ff9b:0:0:0:0';
  if (!mapped) return undefined;
  const hi = groups[6];
  const lo = groups[7];
  // ::, ::1 are IPv6 addresses of their own, not "IPv4-compatible" 0.0.0.0 / 0.0.0.1.
  if (prefix === '0:0:0:0:0:0' && hi === 0) return undefined;
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** Eight 16-bit groups of an IPv6 address (a dotted IPv4 tail is folded into the last two). */
function expandIpv6(address: string): number[] | undefined {
  let text = address.toLowerCase().split('%')[0];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const o = dotted[1].split('.').map(Number);
    text = text.slice(0, -dotted[1].length) + `${((o[0] << 8) | o[1]).toString(16)}:${((o[2] << 8) | o[3]).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const parse = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const a = parse(head);
  const b = parse(tail);
  const groups = text.includes('::') ? [...a, ...new Array<number>(8 - a.length - b.length).fill(0), ...b] : a;
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}

export interface AddressVerdict {
  address: string;
  family: 4 | 6;
  /** Why the address is not public, or undefined when it is. */
  internal?: string;
  metadata: boolean;
}

/** Classifies one resolved address. */
export function classifyAddress(address: string): AddressVerdict {
  const family = isIP(address);
  if (family === 4) {
    const metadata = METADATA.has(address);
    return { address, family: 4, metadata, internal: metadata ? 'cloud metadata address' : internal.check(address, 'ipv4') ? 'internal address' : undefined };
  }
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    if (v4) {
      const inner = classifyAddress(v4);
      return { address, family: 6, metadata: inner.metadata, internal: inner.internal };
    }
    const groups = expandIpv6(address);
    const canonical = groups ? groups.map((g) => g.toString(16)).join(':') : address;
    const metadata = [...METADATA].some((m) => isIP(m) === 6 && expandIpv6(m)?.map((g) => g.toString(16)).join(':') === canonical);
    return { address, family: 6, metadata, internal: metadata ? 'cloud metadata address' : internal.check(address, 'ipv6') ? 'internal address' : undefined };
  }
  return { address, family: 4, metadata: false, internal: 'not an IP address' };
}

/** The host as the allow-list stores it: lower case, IPv6 literals without brackets, no trailing dot. */
export function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

export interface ParsedWebhookUrl {
  url: URL;
  host: string;
  port: number;
}

/** Why a URL can never be a webhook, or its parts. Throws a message for the `url` field. */
export function parseWebhookUrl(raw: string): ParsedWebhookUrl {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookAddressError('must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WebhookAddressError('must use http or https');
  if (url.username || url.password) throw new WebhookAddressError('must not contain credentials (user:password@)');
  const host = normaliseHost(url.hostname);
  if (!host) throw new WebhookAddressError('must name a host');
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return { url, host, port };
}

export class WebhookAddressError extends Error {}

export interface ResolvedTarget extends ParsedWebhookUrl {
  /** The address to connect to (the first that passed the check). */
  address: string;
  family: 4 | 6;
}

/**
 * Resolves the URL's host and checks every address it resolves to: one internal address is
 * enough to refuse (an attacker's DNS may answer with a public and a private one). An
 * allow-listed host may resolve to internal addresses, never to a metadata address.
 */
export async function resolveWebhookTarget(raw: string, isAllowed: (host: string) => Promise<boolean>): Promise<ResolvedTarget> {
  const parsed = parseWebhookUrl(raw);
  let addresses: { address: string; family: number }[];
  if (isIP(parsed.host)) {
    addresses = [{ address: parsed.host, family: isIP(parsed.host) }];
  } else {
    try {
      addresses = await lookup(parsed.host, { all: true, verbatim: true });
    } catch {
      throw new WebhookAddressError(`host ${parsed.host} does not resolve`);
    }
    if (!addresses.length) throw new WebhookAddressError(`host ${parsed.host} does not resolve`);
  }
  const verdicts = addresses.map((a) => classifyAddress(a.address));
  const metadata = verdicts.find((v) => v.metadata);
  if (metadata) throw new WebhookAddressError(`resolves to ${metadata.address}, a cloud metadata address, which is never allowed`);
  const blocked = verdicts.find((v) => v.internal);
  if (blocked && !(await isAllowed(parsed.host))) {
    throw new WebhookAddressError(`resolves to ${blocked.address}, an internal address (loopback, private, link-local, multicast or reserved); a platform admin must allow-list host ${parsed.host} first`);
  }
  return { ...parsed, address: verdicts[0].address, family: verdicts[0].family };
}
