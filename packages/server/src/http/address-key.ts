import { isIPv4, isIPv6 } from "node:net";

/**
 * The key a client address's attempt budgets (sign-in, sign-up) are kept under. An IPv6 host is
 * usually given a whole /64 and can send from any of its 2^64 addresses, so IPv6 is keyed on its
 * /64 prefix: `2001:db8:1:2::/64` for every address in it, however written (`::` expanded, case,
 * leading zeros, brackets, a zone). An IPv4-mapped address (`::ffff:192.0.2.1`, as a dual-stack
 * socket reports IPv4 clients) is the IPv4 address. Anything else is kept as it is.
 */
export function budgetAddress(address: string): string {
  let a = address.trim();
  if (a.startsWith("[") && a.endsWith("]")) a = a.slice(1, -1);
  const zone = a.indexOf("%");
  if (zone >= 0) a = a.slice(0, zone);
  if (isIPv4(a)) return a;
  if (!isIPv6(a)) return address;
  const groups = ipv6Groups(a.toLowerCase());
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [high = 0, low = 0] = groups.slice(6);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted IPv4 tail read). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const tail: number[] = [];
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [b0, b1, b2, b3] = dotted.slice(1).map(Number) as [number, number, number, number];
    tail.push((b0 << 8) | b1, (b2 << 8) | b3);
    text = text.slice(0, dotted.index);
    if (text.endsWith(":") && !text.endsWith("::")) text = text.slice(0, -1);
  }
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((g) => Number.parseInt(g, 16)));
  const gap = text.indexOf("::");
  let groups: number[];
  if (gap < 0) groups = [...parse(text), ...tail];
  else {
    const head = parse(text.slice(0, gap));
    const rest = [...parse(text.slice(gap + 2)), ...tail];
    groups = [...head, ...Array<number>(8 - head.length - rest.length).fill(0), ...rest];
  }
  return groups;
}
