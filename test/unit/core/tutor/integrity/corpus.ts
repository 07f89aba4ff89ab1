/**
 * The learning-integrity corpus: model outputs that give a problem's final answer away before
 * the last step ("leaks"), and outputs that must reach the learner unchanged ("clean").
 * Written for this project (docs/learning-integrity.md says how): eight problems, each output
 * in the way real navigators and solvers phrase things, for every role that reaches the
 * screen (plan fields, hints, worked steps, step-check feedback, re-plan notes), with
 * reasoning-model thinking in every wire style, Chinese phrasing, and splits across chunks.
 */
import type { ThinkingWireStyle } from '../../../../support/model-server.js';

export interface Problem {
  text: string;
  /** What the solver answers when asked for the hidden reference. */
  reference: string;
  /** Ways the answer is written: none may be on screen before the last step after a leak. */
  forms: string[];
}

export const PROBLEMS = {
  recurrence: {
    text: 'Given $a_1 = 3$ and $a_{n+1} = 2a_n + 5$, find a formula for $a_n$.',
    reference: '2^{n+2} - 5',
    forms: ['2^{n+2}', '4\\cdot 2^n', '4 \\cdot 2^n', '2^(n+2)', '4*2^n', '4 · 2^n', '2^{n-1} - 5', '2^{n-1}-5'],
  },
  cards: {
    text: 'Three cards are drawn without replacement from eight cards, of which three are red. What is the probability that all three are red?',
    reference: '\\frac{1}{56}',
    forms: ['\\frac{1}{56}', '1/56', '0.0179', '0.018', '0.01786', '\\dfrac{1}{56}', '0.017857'],
  },
  books: {
    text: 'In how many ways can a student choose 4 of her 10 books to take on a trip?',
    reference: '210',
    forms: ['210'],
  },
  roots: {
    text: 'Solve $x^2 - 2x - 18 = 0$.',
    reference: '1 \\pm \\sqrt{19}',
    forms: ['\\sqrt{19}', 'sqrt(19)', '√19', '5.359', '-3.359', '5.36', '-3.36'],
  },
  triangle: {
    text: 'A right triangle has legs of length 9 and 12. How long is its hypotenuse?',
    reference: '15',
    forms: ['15'],
  },
  distance: {
    text: 'How far is the point $(1, 2)$ from the line $x + y = 8$?',
    reference: '\\frac{5\\sqrt{2}}{2}',
    forms: ['\\frac{5\\sqrt{2}}{2}', '\\frac{5}{\\sqrt{2}}', '5\\sqrt{2}/2', '5/\\sqrt{2}', '3.5355', '3.54', '\\frac{5\\sqrt2}{2}', '2.5\\sqrt{2}', '5sqrt(2)/2'],
  },
  sum: {
    text: '求 $1 + 2 + 3 + \\cdots + 100$ 的值。',
    reference: '5050',
    forms: ['5050', '5,050', '5{,}050'],
  },
  small: {
    text: 'How many real solutions does $x^3 - 4x = 0$ have?',
    reference: '3',
    forms: [],
  },
} satisfies Record<string, Problem>;

export type ProblemKey = keyof typeof PROBLEMS;

export type Role = 'plan.analysis' | 'plan.title' | 'plan.goal' | 'plan.produces' | 'hint' | 'instantiation' | 'check' | 'replan';

export interface Case {
  id: string;
  problem: ProblemKey;
  role: Role;
  /** The visible reply (for plan roles: the field's text; for check: the judge's feedback). */
  text: string;
  leak: boolean;
  /** Forms that must be absent (default: the problem's forms). */
  forms?: string[];
  /** Stream the reply as exactly these pieces. */
  chunks?: string[];
  /** Thinking sent before the reply, in this wire style. */
  thinking?: { style: ThinkingWireStyle; text: string };
}

const L = (problem: ProblemKey, role: Role, text: string, extra: Partial<Case> = {}): Omit<Case, 'id'> => ({ problem, role, text, leak: true, ...extra });
const C = (problem: ProblemKey, role: Role, text: string, extra: Partial<Case> = {}): Omit<Case, 'id'> => ({ problem, role, text, leak: false, ...extra });

/** Split a text into pieces of `n` characters, so every phrase and formula straddles chunks. */
export const pieces = (text: string, n: number): string[] => Array.from({ length: Math.ceil(text.length / n) }, (_, i) => text.slice(i * n, (i + 1) * n));

const RAW: Omit<Case, 'id'>[] = [
  // ---- leaks: plan fields (the first screen) ------------------------------------------------
  L('recurrence', 'plan.analysis', 'Adding 5 turns this into a geometric sequence, and in the end $a_n = 2^{n+2} - 5$.'),
  L('recurrence', 'plan.title', 'Conclude that $a_n = 4 \\cdot 2^n - 5$'),
  L('recurrence', 'plan.goal', 'Undo the shift to get $a_n = 8\\cdot 2^{n-1} - 5$.'),
  L('recurrence', 'plan.produces', '$a_n = 2^{n+2}-5$'),
  L('cards', 'plan.analysis', 'Multiply the chances of a red card at each draw: the probability comes to about 0.0179.'),
  L('cards', 'plan.title', 'Divide to get $\\frac{1}{56}$'),
  L('books', 'plan.goal', 'Compute $\\binom{10}{4} = 210$.'),
  L('books', 'plan.produces', 'the count, 210'),
  L('roots', 'plan.analysis', 'Completing the square gives $(x-1)^2 = 19$, so $x = 1 \\pm \\sqrt{19}$.'),
  L('triangle', 'plan.title', 'Find the hypotenuse: it is 15'),
  L('distance', 'plan.goal', 'Apply the point-line distance formula to get $\\frac{5}{\\sqrt{2}}$.'),
  L('sum', 'plan.analysis', '用高斯求和：首尾配对，共 50 对，每对和为 101，答案是 5050。'),
  L('small', 'plan.produces', 'Therefore there are 3 real solutions.'),
  L('small', 'plan.analysis', 'Factor as $x(x-2)(x+2)$; the answer is 3.'),

  // ---- leaks: hints ---------------------------------------------------------------------------
  L('recurrence', 'hint', 'Add 5 to both sides; you should end up with $a_n = 2^{n+2} - 5$.'),
  L('recurrence', 'hint', 'Notice $a_n + 5$ doubles each time, so $a_n = 8 \\cdot 2^{n-1} - 5$.'),
  L('recurrence', 'hint', 'If you get $a_n = 4\\cdot 2^n-5$ you are on the right track.'),
  L('cards', 'hint', 'Multiply $\\frac{3}{8}\\cdot\\frac{2}{7}\\cdot\\frac{1}{6}$; it simplifies to $\\frac{1}{56}$.'),
  L('cards', 'hint', 'The result is roughly 0.018, a small chance.'),
  L('books', 'hint', 'Use $\\binom{10}{4}$, which is 210.'),
  L('books', 'hint', 'There are $\\frac{10\\cdot 9\\cdot 8\\cdot 7}{24} = 210$ choices.'),
  L('roots', 'hint', 'Use the quadratic formula: the roots are $1+\\sqrt{19}$ and $1-\\sqrt{19}$.'),
  L('roots', 'hint', 'Numerically the roots are about 5.359 and -3.359.'),
  L('triangle', 'hint', 'Since $9^2 + 12^2 = 225$, the hypotenuse is $\\sqrt{225} = 15$.'),
  L('distance', 'hint', 'Plug into $\\frac{|ax_0+by_0+c|}{\\sqrt{a^2+b^2}}$ to find $\\frac{5\\sqrt{2}}{2}$.'),
  L('distance', 'hint', 'The distance is approximately 3.5355.'),
  L('sum', 'hint', '首尾配对，每对和为 101，共 50 对，所以结果是 5050。'),
  L('sum', 'hint', '答：5050'),
  L('small', 'hint', 'Factor it and count: so there are 3 solutions in all.'),
  L('small', 'hint', 'The final answer is 3.'),
  L('books', 'hint', '**Answer:** 210 ways'),
  L('triangle', 'hint', 'Answer: 15'),

  // ---- leaks: worked steps (streamed) --------------------------------------------------------
  L('recurrence', 'instantiation', 'Let $b_n = a_n + 5$. Then $b_{n+1} = 2b_n$ and $b_1 = 8$, so $b_n = 8 \\cdot 2^{n-1}$.\n\nTherefore $a_n = 2^{n+2} - 5$.'),
  L('recurrence', 'instantiation', 'We find $C = 4$, hence\n$$a_n = 4 \\cdot 2^n - 5.$$\nCheck: $a_1 = 3$.'),
  L('recurrence', 'instantiation', 'So the answer is 2^(n+2)-5, which matches $a_1 = 3$.'),
  L('recurrence', 'instantiation', 'Putting it together: \\[ a_n = 2^{n+2} - 5 \\]', { chunks: pieces('Putting it together: \\[ a_n = 2^{n+2} - 5 \\]', 3) }),
  L('recurrence', 'instantiation', 'Thus $a_n=\\boxed{2^{n+2}-5}$.', { chunks: pieces('Thus $a_n=\\boxed{2^{n+2}-5}$.', 2) }),
  L('cards', 'instantiation', 'The chance is $\\frac{3}{8}\\cdot\\frac{2}{7}\\cdot\\frac{1}{6} = \\frac{6}{336} = \\frac{1}{56}$.'),
  L('cards', 'instantiation', 'As a decimal that is about 0.01786.'),
  L('cards', 'instantiation', 'So $P \\approx 0.018$.'),
  L('cards', 'instantiation', 'So the probability is 1/56.', { chunks: pieces('So the probability is 1/56.', 1) }),
  L('books', 'instantiation', 'By the formula, $\\binom{10}{4} = \\frac{10!}{4!\\,6!} = 210$.'),
  L('books', 'instantiation', 'The number of selections is 10·9·8·7/4! = 5040/24 = 210.'),
  L('books', 'instantiation', 'So she has 210 ways to choose.', { chunks: ['So she has 2', '1', '0 ways to choose.'] }),
  // Taking the square root is this step's own work; the answer is the line after it.
  L('roots', 'instantiation', 'Completing the square: $(x-1)^2 = 19$, so $x - 1 = \\pm\\sqrt{19}$ and $x = 1 \\pm \\sqrt{19}$.', { forms: ['1 \\pm \\sqrt{19}'] }),
  L('roots', 'instantiation', 'The two solutions are $x_1 = 1 + \\sqrt{19}$ and $x_2 = 1 - \\sqrt{19}$.'),
  L('roots', 'instantiation', 'By the formula, $x = \\frac{2 \\pm \\sqrt{76}}{2}$.', { forms: ['\\frac{2 \\pm \\sqrt{76}}{2}'] }),
  L('triangle', 'instantiation', 'By Pythagoras, $c^2 = 81 + 144 = 225$, therefore $c = 15$.'),
  L('triangle', 'instantiation', 'We get $c = \\sqrt{225} = 15$.'),
  L('distance', 'instantiation', 'The distance is $\\frac{|1 + 2 - 8|}{\\sqrt{2}} = \\frac{5}{\\sqrt{2}} = \\frac{5\\sqrt{2}}{2}$.'),
  L('distance', 'instantiation', 'So $d = 5/\\sqrt{2} \\approx 3.54$.'),
  L('sum', 'instantiation', '设 $S = 1 + 2 + \\cdots + 100$，倒序相加得 $2S = 100 \\times 101$，所以 $S = 5050$。'),
  L('sum', 'instantiation', '因此和为 5050。', { chunks: pieces('因此和为 5050。', 2) }),
  L('sum', 'instantiation', '答案是 $5{,}050$。'),
  L('small', 'instantiation', 'The roots are $x=0$, $x=2$ and $x=-2$, so the equation has 3 real solutions.'),
  L('small', 'instantiation', 'Counting them, we get 3.'),
  L('small', 'instantiation', '### Final answer\n\n$$3$$'),

  // ---- leaks: step-check feedback -------------------------------------------------------------
  L('recurrence', 'check', 'Right idea, and continuing you will reach $a_n = 2^{n+2}-5$.'),
  L('cards', 'check', 'Correct; the final probability is $\\frac{1}{56}$.'),
  L('books', 'check', 'Good. That gives $\\binom{10}{4} = 210$.'),
  L('roots', 'check', 'Yes, and then $x = 1 \\pm \\sqrt{19}$.'),
  L('triangle', 'check', 'Correct: $c^2 = 225$, so $c = 15$.'),
  L('distance', 'check', 'Right; it comes to about 3.5355.'),
  L('sum', 'check', '对，所以结果是 5050。'),
  L('small', 'check', 'Yes: so there are 3 real roots in total.'),

  // ---- leaks: re-plan notes -------------------------------------------------------------------
  L('recurrence', 'replan', 'a_n = 2^{n+2} - 5 already, so the later steps are not needed'),
  L('books', 'replan', 'the count is already 210'),
  L('distance', 'replan', 'we already found $\\frac{5\\sqrt{2}}{2}$'),

  // ---- leaks hidden in thinking (every wire style): the answer part is clean -------------------
  L('recurrence', 'hint', 'Try adding a constant to every term so the sequence becomes geometric.', { thinking: { style: 'think', text: 'b_n = a_n + 5 doubles, so a_n = 2^{n+2} - 5. THINK-ONLY-TOKEN' } }),
  L('recurrence', 'instantiation', 'Let $b_n = a_n + 5$, so that $b_{n+1} = 2 b_n$.', { thinking: { style: 'bare-close', text: 'The closed form is 2^{n+2}-5 THINK-ONLY-TOKEN' } }),
  L('cards', 'hint', 'Think of the draws one at a time.', { thinking: { style: 'reasoning_content', text: '3/8 * 2/7 * 1/6 = 1/56 THINK-ONLY-TOKEN' } }),
  L('books', 'instantiation', 'Choosing 4 from 10 ignores order, so use a binomial coefficient.', { thinking: { style: 'reasoning', text: 'C(10,4) = 210 THINK-ONLY-TOKEN' } }),
  L('triangle', 'hint', 'Which theorem relates the three sides of a right triangle?', { thinking: { style: 'thinking', text: 'sqrt(81+144) = 15 THINK-ONLY-TOKEN' } }),
  L('distance', 'hint', 'Write the line as $x + y - 8 = 0$ first.', { thinking: { style: 'thought-markers', text: '|1+2-8|/sqrt2 = 5/sqrt2 THINK-ONLY-TOKEN' } }),
  L('sum', 'instantiation', '把和倒过来写，再与原式逐项相加。', { thinking: { style: 'think', text: '2S = 100*101, S = 5050 THINK-ONLY-TOKEN' } }),
  L('roots', 'plan.analysis', 'Complete the square, then take square roots.', { thinking: { style: 'think', text: 'x = 1 ± sqrt(19) THINK-ONLY-TOKEN' } }),
  L('recurrence', 'instantiation', 'We work it out.', { thinking: { style: 'think', text: '<think> inside thinking: 2^{n+2}-5 THINK-ONLY-TOKEN' }, chunks: ['<thi', 'nk>a_n = 2^{n+2}-5 THINK-ONLY-TOKEN</th', 'ink>We work it out.'] }),
  L('cards', 'instantiation', 'The draws are dependent, so multiply conditional chances.', { chunks: ['</think>', 'The draws are dependent, ', 'so multiply conditional chances.'], thinking: { style: 'bare-close', text: 'it is 1/56 THINK-ONLY-TOKEN' } }),

  // ---- leaks: the same text both thought and said --------------------------------------------
  L('books', 'hint', 'So the answer is 210.', { thinking: { style: 'reasoning_content', text: '210 THINK-ONLY-TOKEN' } }),
  L('triangle', 'instantiation', 'Hence $c = 15$.', { thinking: { style: 'think', text: '15 THINK-ONLY-TOKEN' } }),

  // ---- more phrasings ---------------------------------------------------------------------------
  L('recurrence', 'hint', 'The closed form you are after is $a_n=2^{n+2}-5$; can you see why?'),
  L('cards', 'instantiation', 'P(all red) $= \\dfrac{1}{56}$, which is small.'),
  L('books', 'plan.title', 'Count the selections (210)'),
  L('roots', 'check', 'Correct so far; the solutions will be $1 \\pm \\sqrt{19}$.'),
  L('distance', 'instantiation', 'Simplify: $d = 2.5\\sqrt{2}$.'),
  L('triangle', 'plan.analysis', 'A 3-4-5 triangle scaled by 3, so the hypotenuse is 15.'),
  L('sum', 'plan.title', '得出总和 5050'),
  L('recurrence', 'instantiation', 'In closed form, $a_n = 2^{n+2} - 5$ for every $n \\ge 1$.', { chunks: pieces('In closed form, $a_n = 2^{n+2} - 5$ for every $n \\ge 1$.', 5) }),
  L('cards', 'hint', 'Your final value should be near 0.0179.'),
  L('small', 'check', 'Right, and hence the count is 3.'),

  // ---- clean: intermediate results, small integers that are not the answer, general formulas ---
  C('recurrence', 'plan.analysis', 'Shift the sequence by a constant so it becomes geometric, then shift back.'),
  C('recurrence', 'plan.title', 'Find the constant $c$ with $a_{n+1} + c = 2(a_n + c)$'),
  C('recurrence', 'plan.goal', 'Show that $b_n = a_n + 5$ satisfies $b_{n+1} = 2b_n$.'),
  C('recurrence', 'hint', 'Compare $a_{n+1} + c$ with $2(a_n + c)$: which $c$ makes them equal?'),
  C('recurrence', 'hint', 'A geometric sequence has $b_n = b_1 r^{n-1}$.'),
  C('recurrence', 'instantiation', 'We want $a_{n+1} + c = 2(a_n + c)$, i.e. $a_{n+1} = 2a_n + c$, so $c = 5$.'),
  C('recurrence', 'instantiation', 'With $b_n = a_n + 5$ we get $b_1 = 8$ and $b_{n+1} = 2b_n$.', { chunks: pieces('With $b_n = a_n + 5$ we get $b_1 = 8$ and $b_{n+1} = 2b_n$.', 3) }),
  C('recurrence', 'check', 'Yes: $c = 5$ is the constant that makes the sequence geometric.'),
  C('cards', 'plan.analysis', 'Count favourable and possible ordered draws, or multiply conditional probabilities.'),
  C('cards', 'hint', 'After one red card is drawn, how many red cards are left, out of how many?'),
  C('cards', 'instantiation', 'The first draw is red with probability $\\frac{3}{8}$; then $\\frac{2}{7}$ for the second.'),
  C('cards', 'check', 'Right: the second draw is red with probability $\\frac{2}{7}$.'),
  C('cards', 'plan.goal', 'Write the chance of a red card at each draw.'),
  C('books', 'plan.analysis', 'Order does not matter, so this is a combination count.'),
  C('books', 'hint', 'Does the order in which she packs the books matter?'),
  C('books', 'instantiation', 'There are $10 \\cdot 9 \\cdot 8 \\cdot 7 = 5040$ ordered choices, and each set of 4 books is counted $4! = 24$ times.'),
  C('books', 'hint', 'The general count is $\\binom{n}{k} = \\frac{n!}{k!(n-k)!}$.'),
  C('books', 'check', 'Yes, $5040$ ordered choices is right.'),
  C('roots', 'plan.title', 'Complete the square'),
  C('roots', 'hint', 'Move the constant: $x^2 - 2x = 18$, then add 1 to both sides.'),
  C('roots', 'instantiation', 'Adding 1 to both sides gives $(x-1)^2 = 19$.'),
  C('roots', 'instantiation', 'The discriminant is $b^2 - 4ac = 4 + 72 = 76$, which is positive, so there are 2 real roots.'),
  C('roots', 'check', 'Correct: $(x-1)^2 = 19$.'),
  C('triangle', 'plan.title', 'Apply the Pythagorean theorem'),
  C('triangle', 'hint', 'The theorem says $a^2 + b^2 = c^2$.'),
  C('triangle', 'instantiation', 'The squares of the legs are $9^2 = 81$ and $12^2 = 144$, and $81 + 144 = 225$.'),
  C('triangle', 'check', 'Right: $c^2 = 225$.'),
  C('distance', 'plan.analysis', 'Use the distance formula from a point to a line.'),
  C('distance', 'hint', 'The distance from $(x_0, y_0)$ to $ax + by + c = 0$ is $\\frac{|ax_0 + by_0 + c|}{\\sqrt{a^2 + b^2}}$.'),
  C('distance', 'instantiation', 'Here $a = 1$, $b = 1$, $c = -8$, so the numerator is $|1 + 2 - 8| = 5$.'),
  C('distance', 'check', 'Yes, the numerator is $5$.'),
  C('sum', 'plan.analysis', '倒序相加：把和倒过来写，再与原式相加。'),
  C('sum', 'hint', '每一对首尾之和是多少？一共有多少对？'),
  C('sum', 'instantiation', '首尾配对：$1 + 100 = 101$，$2 + 99 = 101$，共 50 对。'),
  C('sum', 'check', '对，每对的和是 101。'),
  C('small', 'plan.analysis', 'Factor out $x$ and then factor the quadratic that is left.'),
  C('small', 'hint', 'Take out the common factor $x$ first.'),
  C('small', 'instantiation', 'We get $x(x^2 - 4) = 0$, and $x^2 - 4 = (x-2)(x+2)$.'),
  C('small', 'instantiation', 'There are 3 factors to set to zero: $x$, $x - 2$ and $x + 2$. Setting each to zero comes next.'),
  C('small', 'check', 'Yes: $x^3 - 4x = x(x-2)(x+2)$.'),
  C('small', 'instantiation', 'The cubic has degree 3, so it has at most three roots; the factors will tell us which are real.', { chunks: pieces('The cubic has degree 3, so it has at most three roots; the factors will tell us which are real.', 4) }),
  C('books', 'instantiation', 'First count ordered choices: 10 options for the first book, 9 for the second, then 8 and 7.', { thinking: { style: 'reasoning_content', text: 'just an intermediate note THINK-ONLY-TOKEN' } }),
  C('triangle', 'hint', 'Square both legs and add.', { thinking: { style: 'think', text: 'hint should not give the hypotenuse THINK-ONLY-TOKEN' } }),
];

export const CORPUS: Case[] = RAW.map((c, i) => ({ ...c, id: `${c.leak ? 'leak' : 'clean'}-${String(i + 1).padStart(3, '0')}-${c.problem}-${c.role}` }));
