/**
 * Plane coordinate helpers shared by the content checks (geometry recomputations and the
 * starter-pack test): answers are recomputed from coordinates, never from the formula the
 * worked solution uses. Kept outside recompute/, where every module must export a `recompute` table.
 */
export type P = [number, number];
export const sub = (a: P, b: P): P => [a[0] - b[0], a[1] - b[1]];
export const add = (a: P, b: P): P => [a[0] + b[0], a[1] + b[1]];
export const scale = (k: number, a: P): P => [k * a[0], k * a[1]];
export const dist = (a: P, b: P): number => Math.hypot(a[0] - b[0], a[1] - b[1]);
/** Area of a simple polygon from its vertices in order. */
export const shoelace = (pts: P[]): number =>
  Math.abs(pts.reduce((s, p, k) => {
    const q = pts[(k + 1) % pts.length] as P;
    return s + p[0] * q[1] - q[0] * p[1];
  }, 0)) / 2;
/** Intersection of the lines p + s*u and q + t*v. */
export function intersect(p: P, u: P, q: P, v: P): P {
  const det = u[0] * -v[1] - u[1] * -v[0];
  const s = ((q[0] - p[0]) * -v[1] - (q[1] - p[1]) * -v[0]) / det;
  return add(p, scale(s, u));
}
/** Triangle with B at the origin and C on the positive x-axis: returns [A, B, C]. */
export function triangleFromSides(ab: number, bc: number, ca: number): [P, P, P] {
  const x = (ab * ab - ca * ca + bc * bc) / (2 * bc);
  return [[x, Math.sqrt(ab * ab - x * x)], [0, 0], [bc, 0]];
}
