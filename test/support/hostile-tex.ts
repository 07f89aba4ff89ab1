/**
 * A corpus of hostile TeX (issue 10, points 3 and 4): MathJax constructs that make links
 * (https, protocol-relative `//host`, javascript:, data:), ids, classes, styles or HTML, load
 * extensions, define macros, or are simply too big to typeset. Used by the unit tests
 * (test/unit/security/tex-allowlist.test.ts, test/unit/renderer/math/*) and the Chromium
 * test (test/e2e/security-tex.spec.ts).
 *
 * Every attribute value an attack would plant contains "evil" (or sets window.__pwned), so a
 * test can look for it anywhere in the DOM.
 */
export interface HostileTex {
  name: string;
  /** The formula, without delimiters. */
  tex: string;
  /** The command the allowlist refuses first (as findDisallowedTex reports it); null if allowed. */
  refused: string | null;
  /** Over the size limits: shown as a collapsed "formula too long" control, never typeset. */
  tooLong?: 'length' | 'nesting';
  /** False when the case cannot be a pack field (too big for a field). */
  inPack?: boolean;
}

const deepBraces = (depth: number) => `${'{'.repeat(depth)}x${'}'.repeat(depth)}`;

export const HOSTILE_TEX: readonly HostileTex[] = [
  // \mmlToken: MathJax's base package, attributes straight onto a MathML token.
  { name: 'mmlToken href https', tex: '\\mmlToken{mtext}[href="https://evil.test/a"]{click me}', refused: '\\mmlToken' },
  { name: 'mmlToken href protocol-relative', tex: '\\mmlToken{mi}[href="//evil.test/b"]{x}', refused: '\\mmlToken' },
  { name: 'mmlToken href javascript', tex: '\\mmlToken{mi}[href="javascript:window.__pwned=11"]{x}', refused: '\\mmlToken' },
  { name: 'mmlToken class', tex: '\\mmlToken{mi}[class="evil-class mjx-evil"]{x}', refused: '\\mmlToken' },
  { name: 'mmlToken id', tex: '\\mmlToken{mi}[id="mjx-evil-id"]{x}', refused: '\\mmlToken' },
  { name: 'mmlToken style overlay', tex: '\\mmlToken{mi}[style="position:fixed;inset:0;background:red" data-evil="1"]{x}', refused: '\\mmlToken' },
  { name: 'mmlToken mathbackground url', tex: '\\mmlToken{mi}[mathbackground="url(https://evil.test/bg)"]{x}', refused: '\\mmlToken' },
  // The html package.
  { name: 'href https', tex: '\\href{https://evil.test/c}{click me}', refused: '\\href' },
  { name: 'href protocol-relative', tex: '\\href{//evil.test/d}{x}', refused: '\\href' },
  { name: 'href javascript', tex: '\\href{javascript:window.__pwned=12}{x}', refused: '\\href' },
  { name: 'href data url', tex: '\\href{data:text/html,<script>window.__pwned=13</script>}{x}', refused: '\\href' },
  { name: 'href with space before the brace', tex: 'a\\href {//evil.test/e}{b}', refused: '\\href' },
  { name: 'class', tex: '\\class{evil-class}{x}', refused: '\\class' },
  { name: 'cssId', tex: '\\cssId{evil-id}{x}', refused: '\\cssId' },
  { name: 'style', tex: '\\style{position:fixed;inset:0;background:url(https://evil.test/f)}{x}', refused: '\\style' },
  { name: 'html', tex: '\\html{<a href="//evil.test/g">x</a>}', refused: '\\html' },
  { name: 'htmlData', tex: '\\data{evil=1}{x}', refused: '\\data' },
  // Fonts, extensions, actions.
  { name: 'unicode with a font', tex: '\\unicode[Comic Sans MS; evil]{x41}', refused: '\\unicode' },
  { name: 'unicode', tex: '\\unicode{x1F600}', refused: '\\unicode' },
  { name: 'require html then href', tex: '\\require{html}\\href{//evil.test/h}{x}', refused: '\\require' },
  { name: 'require action then toggle', tex: '\\require{action}\\toggle{a}{b}\\endtoggle', refused: '\\require' },
  { name: 'toggle', tex: '\\toggle{a}{b}\\endtoggle', refused: '\\toggle' },
  { name: 'mathtip', tex: '\\mathtip{x}{evil tip}', refused: '\\mathtip' },
  { name: 'texttip', tex: '\\texttip{x}{evil tip}', refused: '\\texttip' },
  { name: 'bbox with a style', tex: '\\bbox[red,5px,border:2px solid url(https://evil.test/i)]{x}', refused: '\\bbox' },
  { name: 'enclose with attributes', tex: '\\enclose{circle}[mathcolor="url(https://evil.test/j)"]{x}', refused: '\\enclose' },
  { name: 'color with a url', tex: '\\color{url(https://evil.test/k)}{x}', refused: '\\color' },
  // Ids through labels, definitions, loops, unbounded space.
  { name: 'label makes an id', tex: 'x \\label{evil-id}', refused: '\\label' },
  { name: 'tag', tex: 'x \\tag{evil}', refused: '\\tag' },
  { name: 'equation environment with a label', tex: '\\begin{equation}\\label{evil-id}x\\end{equation}', refused: '\\begin{equation}' },
  { name: 'newcommand loop', tex: '\\newcommand{\\x}{\\x}\\x', refused: '\\newcommand' },
  { name: 'def doubling', tex: '\\def\\a{\\a\\a}\\a', refused: '\\def' },
  { name: 'csname', tex: '\\csname href\\endcsname{//evil.test/l}{x}', refused: '\\csname' },
  { name: 'Rule a mile wide', tex: '\\Rule{100000em}{100000em}{0em}', refused: '\\Rule' },
  { name: 'hspace a mile wide', tex: 'a\\hspace{100000em}b', refused: '\\hspace' },
  // Hidden inside allowed constructs.
  { name: 'mmlToken inside text math', tex: '\\text{see $\\mmlToken{mi}[href="//evil.test/m"]{x}$}', refused: '\\mmlToken' },
  { name: 'mmlToken in an array preamble', tex: '\\begin{array}{>{\\mmlToken{mi}[href="//evil.test/n"]{x}}c}1\\end{array}', refused: '\\mmlToken' },
  { name: 'href inside operatorname', tex: '\\operatorname{\\href{//evil.test/o}{x}}', refused: '\\href' },
  { name: 'cssId inside overline', tex: '\\overline{\\cssId{evil-id}{x}}', refused: '\\cssId' },
  { name: 'href after a line break', tex: 'a \\\\\\href{//evil.test/p}{x}', refused: '\\href' },
  { name: 'unknown future macro', tex: '\\someNewMathJaxLink{//evil.test/q}', refused: '\\someNewMathJaxLink' },
  // Too big to typeset.
  { name: 'nested braces 10k deep', tex: deepBraces(10_000), refused: null, tooLong: 'length', inPack: false },
  { name: 'nested braces 200 deep', tex: deepBraces(200), refused: null, tooLong: 'nesting' },
  { name: 'left-right 40 deep', tex: `${'\\left('.repeat(40)}x${'\\right)'.repeat(40)}`, refused: null, tooLong: 'nesting' },
  { name: 'a 65k-character formula', tex: `${'x^{2}+'.repeat(10_833)}1`, refused: null, tooLong: 'length', inPack: false },
];

/** The 240 KB formula of the issue (in a model hint it stalled the page 37.6 s). */
export const HUGE_FORMULA = `${'\\frac{a_{1}}{b^{2}}+'.repeat(12_000)}1`;
