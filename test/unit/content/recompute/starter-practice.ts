/** Independent recomputations of the practice problems that use starter templates. */
export const recompute: Record<string, () => string | number> = {
  'problem:percent-up-then-down': () => 1.2 * 0.75 * 100,
  'problem:sum-of-squares-of-roots': () => {
    const r = (7 + Math.sqrt(29)) / 2; // roots of x^2 - 7x + 5
    const s = (7 - Math.sqrt(29)) / 2;
    return Math.round((r * r + s * s) * 1e9) / 1e9;
  },
  'problem:last-digit-of-seven-power': () => Number(7n ** 2031n % 10n),
  'problem:candies-for-four-children': () => {
    let ways = 0;
    for (let a = 1; a <= 10; a++) for (let b = 1; a + b <= 10; b++) for (let c = 1; a + b + c <= 9; c++) ways++;
    return ways;
  },
  // The altitude to the hypotenuse from the area computed two ways, via coordinates.
  'problem:altitude-to-hypotenuse': () => {
    const [ax, ay, bx, by] = [5, 0, 0, 12]; // right angle at the origin
    const hyp = Math.hypot(ax - bx, ay - by);
    return Math.abs(ax * by - ay * bx) / hyp;
  },
  'problem:double-angle-second-quadrant': () => Math.sin(2 * Math.acos(-12 / 13)), // acos lands in the second quadrant
};
