/**
 * Semantic-version ordering (semver 2.0 precedence), enough to tell an update from a
 * downgrade. Build metadata (+...) is ignored, as the spec says.
 */
const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/** Negative when a < b, 0 when equal precedence, positive when a > b. Throws on a malformed version. */
export function compareSemver(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = compareNumeric(pa.core[i]!, pb.core[i]!);
    if (d !== 0) return d;
  }
  // A release outranks any of its prereleases: 1.0.0 > 1.0.0-rc.1.
  if (pa.pre.length === 0 || pb.pre.length === 0) return pb.pre.length - pa.pre.length;
  for (let i = 0; i < Math.max(pa.pre.length, pb.pre.length); i++) {
    const x = pa.pre[i];
    const y = pb.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const d = comparePrereleasePart(x, y);
    if (d !== 0) return d;
  }
  return 0;
}

function parse(v: string): { core: string[]; pre: string[] } {
  const m = SEMVER.exec(v);
  if (!m) throw new Error(`not a semantic version: ${v}`);
  return { core: [m[1]!, m[2]!, m[3]!], pre: m[4] ? m[4].split('.') : [] };
}

const isNumeric = (s: string) => /^\d+$/.test(s);

// Digit strings compared by length first, so huge numbers need no BigInt.
function compareNumeric(x: string, y: string): number {
  const a = x.replace(/^0+(?=\d)/, '');
  const b = y.replace(/^0+(?=\d)/, '');
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePrereleasePart(x: string, y: string): number {
  const nx = isNumeric(x);
  const ny = isNumeric(y);
  if (nx && ny) return compareNumeric(x, y);
  if (nx) return -1; // numeric identifiers sort before alphanumeric ones
  if (ny) return 1;
  return x < y ? -1 : x > y ? 1 : 0;
}
