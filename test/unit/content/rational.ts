/**
 * Exact rationals (BigInt), always reduced with a positive denominator, so the content checks
 * compare fractions exactly, never as rounded floats. Kept outside recompute/, where every
 * module must export a `recompute` table.
 */
export class Q {
  readonly n: bigint;
  readonly d: bigint;
  constructor(n: bigint | number, d: bigint | number = 1n) {
    let nn = BigInt(n);
    let dd = BigInt(d);
    if (dd === 0n) throw new Error('division by zero');
    if (dd < 0n) [nn, dd] = [-nn, -dd];
    const g = gcd(nn < 0n ? -nn : nn, dd);
    this.n = g === 0n ? 0n : nn / g;
    this.d = g === 0n ? 1n : dd / g;
  }
  static of(x: Q | number): Q {
    return x instanceof Q ? x : new Q(BigInt(x));
  }
  add(o: Q | number): Q {
    const b = Q.of(o);
    return new Q(this.n * b.d + b.n * this.d, this.d * b.d);
  }
  sub(o: Q | number): Q {
    const b = Q.of(o);
    return new Q(this.n * b.d - b.n * this.d, this.d * b.d);
  }
  mul(o: Q | number): Q {
    const b = Q.of(o);
    return new Q(this.n * b.n, this.d * b.d);
  }
  div(o: Q | number): Q {
    const b = Q.of(o);
    return new Q(this.n * b.d, this.d * b.n);
  }
  eq(o: Q | number): boolean {
    const b = Q.of(o);
    return this.n === b.n && this.d === b.d;
  }
  isZero(): boolean {
    return this.n === 0n;
  }
  toNumber(): number {
    return Number(this.n) / Number(this.d);
  }
  /** `7`, `-\frac{3}{2}`. */
  tex(): string {
    if (this.d === 1n) return String(this.n);
    const sign = this.n < 0n ? '-' : '';
    const a = this.n < 0n ? -this.n : this.n;
    return `${sign}\\frac{${a}}{${this.d}}`;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
