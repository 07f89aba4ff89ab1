/**
 * A forgiving reader for the JSON-ish text models write: JSON, Python dict literals (single
 * quotes, True/False/None), trailing commas, bare keys, and text cut off mid-way (open strings
 * and containers are closed at the end). LaTeX inside strings survives: `"\frac{1}{2}"` keeps
 * its backslash instead of turning into a form feed. Returns undefined instead of throwing.
 */

export type LenientValue = string | number | boolean | null | LenientValue[] | { [key: string]: LenientValue };

export interface LenientParse {
  value: LenientValue;
  /** True when the text ended before every string/object/array was closed. */
  repaired: boolean;
  /** Index just past the parsed value. */
  end: number;
}

const MAX_DEPTH = 64;

/** `\n`/`\t` followed by these letters is a LaTeX command, not an escape (`\neq`, `\theta`). */
const LATEX_AFTER_N = /^(?:nabla|neq|ne|neg|nu|not|notin|ni|nmid|nleq|ngeq|nless|ngtr|newline|nsubseteq|nsupseteq|nparallel|nRightarrow|nLeftarrow|nexists|natural|nearrow|nwarrow)(?![a-zA-Z])/;

class Reader {
  pos = 0;
  repaired = false;
  constructor(readonly text: string) {}

  peek(): string {
    return this.text[this.pos] ?? '';
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  skipSpaceAndComments(): void {
    for (;;) {
      const rest = this.text.slice(this.pos, this.pos + 2);
      const ch = this.peek();
      if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t' || ch === '\ufeff' || ch === '\u00a0') {
        this.pos++;
      } else if (rest === '//' || ch === '#') {
        const nl = this.text.indexOf('\n', this.pos);
        this.pos = nl === -1 ? this.text.length : nl + 1;
      } else {
        return;
      }
    }
  }

  value(depth: number): LenientValue | undefined {
    if (depth > MAX_DEPTH) return undefined;
    this.skipSpaceAndComments();
    const ch = this.peek();
    if (ch === '{') return this.object(depth);
    if (ch === '[' || ch === '(') return this.array(depth, ch === '[' ? ']' : ')');
    if (ch === '"' || ch === "'") return this.string();
    if (ch === '-' || ch === '+' || ch === '.' || (ch >= '0' && ch <= '9')) return this.number();
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos, this.pos + 64))?.[0];
    if (!word) return undefined;
    this.pos += word.length;
    if (word === 'true' || word === 'True') return true;
    if (word === 'false' || word === 'False') return false;
    if (word === 'null' || word === 'None' || word === 'undefined') return null;
    return word;
  }

  object(depth: number): LenientValue | undefined {
    this.pos++; // {
    const out: { [key: string]: LenientValue } = {};
    for (;;) {
      this.skipSpaceAndComments();
      if (this.atEnd()) {
        this.repaired = true;
        return out;
      }
      const ch = this.peek();
      if (ch === '}') {
        this.pos++;
        return out;
      }
      if (ch === ',') {
        this.pos++;
        continue;
      }
      const key = this.key();
      if (key === undefined) return undefined;
      this.skipSpaceAndComments();
      if (this.atEnd()) {
        this.repaired = true;
        return out;
      }
      if (this.peek() !== ':' && this.peek() !== '=') return undefined;
      this.pos++;
      this.skipSpaceAndComments();
      if (this.atEnd()) {
        this.repaired = true;
        return out;
      }
      const val = this.value(depth + 1);
      if (val === undefined) return undefined;
      // First key wins: later duplicates are usually a model repeating itself.
      if (!Object.prototype.hasOwnProperty.call(out, key)) {
        Object.defineProperty(out, key, { value: val, enumerable: true, writable: true, configurable: true });
      }
    }
  }

  key(): string | undefined {
    const ch = this.peek();
    if (ch === '"' || ch === "'") return this.string();
    const bare = /^[A-Za-z_$][A-Za-z0-9_$ -]*/.exec(this.text.slice(this.pos, this.pos + 200))?.[0];
    if (!bare) return undefined;
    this.pos += bare.length;
    return bare.trim();
  }

  array(depth: number, close: string): LenientValue | undefined {
    this.pos++;
    const out: LenientValue[] = [];
    for (;;) {
      this.skipSpaceAndComments();
      if (this.atEnd()) {
        this.repaired = true;
        return out;
      }
      const ch = this.peek();
      if (ch === close || ch === ']' || ch === ')') {
        this.pos++;
        return out;
      }
      if (ch === ',') {
        this.pos++;
        continue;
      }
      const val = this.value(depth + 1);
      if (val === undefined) return undefined;
      out.push(val);
    }
  }

  string(): string | undefined {
    const quote = this.peek();
    // Python triple-quoted strings.
    const triple = this.text.startsWith(quote.repeat(3), this.pos);
    this.pos += triple ? 3 : 1;
    let out = '';
    for (;;) {
      if (this.atEnd()) {
        this.repaired = true;
        return out;
      }
      const ch = this.text[this.pos] as string;
      if (triple ? this.text.startsWith(quote.repeat(3), this.pos) : ch === quote) {
        this.pos += triple ? 3 : 1;
        return out;
      }
      if (ch === '\\') {
        out += this.escape();
        continue;
      }
      out += ch;
      this.pos++;
    }
  }

  /** Reads one backslash sequence; unknown ones are kept literally (they are LaTeX). */
  escape(): string {
    const next = this.text[this.pos + 1];
    if (next === undefined) {
      this.pos++;
      return '\\';
    }
    const after = this.text.slice(this.pos + 2, this.pos + 3);
    const letterFollows = /[A-Za-z]/.test(after);
    const simple: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', '/': '/', n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
      this.pos += 6;
      return String.fromCharCode(parseInt(this.text.slice(this.pos - 4, this.pos), 16));
    }
    if (next === 'n' && letterFollows && LATEX_AFTER_N.test(this.text.slice(this.pos + 1, this.pos + 16))) {
      this.pos += 1;
      return '\\';
    }
    if ((next === 't' || next === 'r' || next === 'b' || next === 'f') && letterFollows) {
      // `\theta`, `\right`, `\beta`, `\frac`: nobody means a tab or form feed here.
      this.pos += 1;
      return '\\';
    }
    if (next === '\n') {
      this.pos += 2;
      return '';
    }
    const mapped = simple[next];
    if (mapped !== undefined) {
      this.pos += 2;
      return mapped;
    }
    this.pos += 1;
    return '\\';
  }

  number(): LenientValue | undefined {
    const m = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!m) return undefined;
    this.pos += m[0].length;
    const n = Number(m[0]);
    return Number.isFinite(n) ? n : m[0];
  }
}

/** Parses the value that starts at `start` (an object, array or scalar). Never throws. */
export function parseLenient(text: string, start = 0): LenientParse | undefined {
  try {
    const reader = new Reader(text);
    reader.pos = start;
    const value = reader.value(0);
    if (value === undefined) return undefined;
    return { value, repaired: reader.repaired, end: reader.pos };
  } catch {
    return undefined;
  }
}
