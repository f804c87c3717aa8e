import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * The SSRF guard: a webhook may not reach the server's own network. Private, loopback, link-local (cloud
 * metadata at 169.254.169.254 and fd00:ec2::254 among them), unique-local, carrier-grade NAT, multicast and
 * reserved addresses are refused, in IPv4 and IPv6, and IPv4 written inside IPv6 (::ffff:10.0.0.1, NAT64).
 */
const refused = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  refused.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fe80::', 10],
  ['fc00::', 7],
  ['fec0::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
  ['100::', 64],
] as const)
  refused.addSubnet(network, prefix, 'ipv6');

/** The IPv4 address written inside an IPv6 one (mapped ::ffff:a.b.c.d, compatible, NAT64 64:ff9b::), if any. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1]!;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return null;
  const high = Number.parseInt(hex[1]!, 16);
  const low = Number.parseInt(hex[2]!, 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

/** Whether an IP address is one a webhook may not reach (unless private networks are allowed). */
export function isRefusedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return refused.check(address, 'ipv4');
  if (family === 6) {
    const inner = embeddedIpv4(address);
    if (inner) return refused.check(inner, 'ipv4');
    return refused.check(address, 'ipv6');
  }
  return true;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** A URL's host without IPv6 brackets. */
export function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** Every address a host resolves to (an IP literal is itself). */
export async function resolveHost(host: string): Promise<ResolvedAddress[]> {
  const family = isIP(host);
  if (family) return [{ address: host, family: family as 4 | 6 }];
  const found = await lookup(host, { all: true, verbatim: true });
  return found.map(({ address, family: f }) => ({ address, family: f === 6 ? 6 : 4 }));
}

/** The address a request goes to; refused when any of the host's addresses is (a rebinding host mixes them). */
export async function pinnedAddress(host: string, allowPrivateNetworks: boolean): Promise<ResolvedAddress> {
  const addresses = await resolveHost(host);
  if (addresses.length === 0) throw new Error(`${host} does not resolve`);
  if (!allowPrivateNetworks) {
    const bad = addresses.find(({ address }) => isRefusedAddress(address));
    if (bad)
      throw new Error(
        `${host} resolves to ${bad.address}, a private, loopback or link-local address: refused (WEBHOOK_ALLOW_PRIVATE_NETWORKS)`,
      );
  }
  return addresses[0]!;
}

/** Hosts that are this machine by name: http:// is allowed for them in development. */
export function isLocalHost(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '::1';
}
