/**
 * A corpus of wrong and near-miss template ids and names, as navigator models write them,
 * against the built-in packs (core, starter). Written by hand for issue 12.3: typos and
 * reworded ids of real templates (which should be recovered when the match is confident),
 * and invented ids and names of techniques the built-in library does not have (which must
 * map to nothing). Each entry carries the step text a plan would have around it, because
 * grounding falls back to searching that text.
 *
 * `expect` is the one right template, or null when no built-in template is the technique.
 * Tying an entry to anything else counts as a wrong tie.
 */

export type CorpusKind =
  /** A real id with a typo, a wrong/missing pack, case or separators changed. */
  | 'id-typo'
  /** A real template's name, reworded, misspelt or shortened. */
  | 'name-variant'
  /** An id that reads like a real one but names a technique the library lacks. */
  | 'invented-id'
  /** The name of a technique the library lacks (often close to one it has). */
  | 'absent-name';

export interface CorpusEntry {
  written: string;
  /** Whether the model wrote it as the step's template_id or as a template name. */
  as: 'id' | 'name';
  title: string;
  goal: string;
  expect: string | null;
  /** Other templates that are equally right for a genuinely ambiguous name. */
  also?: readonly string[];
  kind: CorpusKind;
}

const id = (written: string, expect: string | null, title: string, goal = `Apply it: ${title.toLowerCase()}.`): CorpusEntry => ({
  written,
  as: 'id',
  title,
  goal,
  expect,
  kind: expect ? 'id-typo' : 'invented-id',
});
const name = (written: string, expect: string | null, title: string, goal = `Apply it: ${title.toLowerCase()}.`): CorpusEntry => ({
  written,
  as: 'name',
  title,
  goal,
  expect,
  kind: expect ? 'name-variant' : 'absent-name',
});

export const GROUNDING_CORPUS: readonly CorpusEntry[] = [
  // ---- typos and near-misses of real ids -------------------------------------------------
  id('core/ellipse-standard-from', 'core/ellipse-standard-form', 'Read off the axes of the ellipse', 'Put the equation in standard form and read the semi-axes.'),
  id('core/first-order-recurence-fixed-point', 'core/first-order-recurrence-fixed-point', 'Shift by the fixed point', 'Subtract the fixed point so the sequence becomes geometric.'),
  id('core/first-order-recurrence-fixedpoint', 'core/first-order-recurrence-fixed-point', 'Shift by the fixed point'),
  id('first-order-recurrence-fixed-point', 'core/first-order-recurrence-fixed-point', 'Shift by the fixed point'),
  id('core/hyperbola-standard-fom', 'core/hyperbola-standard-form', 'Find the asymptotes'),
  id('core/parabola-focus-directix', 'core/parabola-focus-directrix', 'Locate the focus'),
  id('core/binomial-theorem-genral-term', 'core/binomial-theorem-general-term', 'Write the general term'),
  id('core/binomial-theorem-general-terms', 'core/binomial-theorem-general-term', 'Write the general term'),
  id('core/remainder-theorm', 'core/remainder-theorem', 'Use the remainder theorem'),
  id('core/rational-roots-theorem', 'core/rational-root-theorem', 'List the possible rational roots'),
  id('core/synthetic-divison', 'core/synthetic-division', 'Divide by x - 2'),
  id('core/newton-sums', 'core/newtons-sums', 'Use the power sums of the roots'),
  id('core/fermats-little-theorem', 'core/fermat-little-theorem', 'Reduce the power modulo p'),
  id('core/euler-totient', 'core/euler-totient-function', "Compute Euler's phi of n"),
  id('core/wilsons-theorem', 'core/wilson-theorem', "Use Wilson's theorem"),
  id('core/legendre-formula', 'core/legendre-formula-factorial', 'Count the factors of 2 in 100!'),
  id('core/trailing-zeroes-factorial', 'core/trailing-zeros-factorial', 'Count the trailing zeros'),
  id('core/base_conversion', 'core/base-conversion', 'Convert to base 10'),
  id('core/parity-arguments', 'core/parity-argument', 'Look at parity'),
  id('core/pigeon-hole-principle', 'core/pigeonhole-principle', 'Choose the pigeonholes'),
  id('core/derangement', 'core/derangements', 'Count arrangements with no fixed point'),
  id('core/circular-arrangement', 'core/circular-arrangements', 'Fix one person at the table'),
  id('core/linearity-of-expectations', 'core/linearity-of-expectation', 'Add the indicator expectations'),
  id('core/bayes-theorm', 'core/bayes-theorem', 'Reverse the conditional probability'),
  id('core/inscribed-angle-theorm', 'core/inscribed-angle-theorem', 'Relate the inscribed angle to the arc'),
  id('core/ptolemys-theorem', 'core/ptolemy-theorem', 'Apply Ptolemy to the cyclic quadrilateral'),
  id('core/stewarts-theorem', 'core/stewart-theorem', 'Find the cevian length'),
  id('core/law-of-sine', 'core/law-of-sines', 'Relate sides and opposite angles'),
  id('core/law-of-cosine', 'core/law-of-cosines', 'Find the third side'),
  id('core/shoelace-formule', 'core/shoelace-formula', 'Compute the polygon area'),
  id('core/picks-theorm', 'core/picks-theorem', 'Count boundary and interior lattice points'),
  id('core/de-moivres-theorem', 'core/de-moivre-theorem', 'Raise to the power in polar form'),
  id('core/dot-product-angles', 'core/dot-product-angle', 'Find the angle between the vectors'),
  id('core/vector-projections', 'core/vector-projection', 'Project onto the direction vector'),
  id('core/rotation-matrices', 'core/rotation-matrix', 'Rotate the point'),
  id('core/derivative-rule', 'core/derivative-rules', 'Differentiate'),
  id('core/evaluating-limit', 'core/evaluating-limits', 'Evaluate the limit'),
  id('core/modular-inverses', 'core/modular-inverse', 'Find the inverse of 7 mod 26'),
  id('core/bezout-identitiy', 'core/bezout-identity', 'Write the gcd as a combination'),
  id('core/frobenius-two-coin', 'core/frobenius-two-coins', 'Find the largest amount that cannot be made'),
  id('core/hockey-stick', 'core/hockey-stick-identity', 'Collapse the sum of binomial coefficients'),
  id('core/pascals-identity', 'core/pascal-identity', "Use Pascal's rule"),
  id('CORE/Logarithm-Laws', 'core/logarithm-laws', 'Combine the logarithms'),
  id('core/logarithm laws', 'core/logarithm-laws', 'Combine the logarithms'),
  id('"core/vertex-form-max-min"', 'core/vertex-form-max-min', 'Find the vertex'),
  id('core/vertex-form-max-min.', 'core/vertex-form-max-min', 'Find the vertex'),
  id('core/completing-the-square', 'starter/completing-the-square', 'Complete the square'),
  id('algebra/completing-the-square', 'starter/completing-the-square', 'Complete the square'),
  id('completing-the-square', 'starter/completing-the-square', 'Complete the square'),
  id('starter/quadratic-formula-discrimant', 'starter/quadratic-formula-discriminant', 'Compute the discriminant'),
  id('starter/vieta-formulas', 'starter/vietas-formulas', 'Read off the sum and product of the roots'),
  id('starter/vietas-formula', 'starter/vietas-formulas', 'Read off the sum and product of the roots'),
  id('starter/stars-and-bar', 'starter/stars-and-bars', 'Distribute the identical balls'),
  id('starter/inclusion_exclusion', 'starter/inclusion-exclusion', 'Subtract the overlaps'),
  id('starter/chinese-remainder-theorm', 'starter/chinese-remainder-theorem', 'Combine the congruences'),
  id('starter/euclidean-algorithm', 'starter/euclidean-algorithm-gcd', 'Run the Euclidean algorithm'),
  id('starter/telescoping-sum', 'starter/telescoping-sums', 'Let the terms cancel'),
  id('starter/am-gm', 'starter/am-gm-inequality', 'Apply AM-GM'),
  id('starter/power-of-point', 'starter/power-of-a-point', 'Use the power of the point'),
  id('starter/similar-triangle', 'starter/similar-triangles', 'Find the similar triangles'),
  id('number-theory/chinese-remainder-theorem', 'starter/chinese-remainder-theorem', 'Combine the congruences'),
  id('core/stars-and-bars', 'starter/stars-and-bars', 'Distribute the identical balls'),
  id('core/am-gm', 'starter/am-gm-inequality', 'Bound the product', 'Compare the arithmetic and geometric means.'),
  id('core/cauchy-schwarz', 'starter/cauchy-schwarz-engel', 'Bound the sum of fractions'),
  id('core/law-of-sin', 'core/law-of-sines', 'Relate sides and opposite angles'),
  id('core/geometric-series', 'starter/arithmetic-geometric-series', 'Sum the geometric series'),

  // ---- names of real templates, reworded ---------------------------------------------------
  name('First-order recurrence: shift by the fixed point', 'core/first-order-recurrence-fixed-point', 'Shift by the fixed point'),
  name('Ellipse standard form', 'core/ellipse-standard-form', 'Read off the axes'),
  name("Vieta's Formula", 'starter/vietas-formulas', 'Sum and product of the roots'),
  name('Quadratic formula and discriminant', 'starter/quadratic-formula-discriminant', 'Solve the quadratic'),
  name('Completing the Square', 'starter/completing-the-square', 'Rewrite the quadratic'),
  name('Chinese Remainder Theorem', 'starter/chinese-remainder-theorem', 'Combine the congruences'),
  name('Principle of Inclusion and Exclusion', 'starter/inclusion-exclusion', 'Subtract the overlaps'),
  name('Stars & Bars', 'starter/stars-and-bars', 'Distribute the identical balls'),
  name('Law of Cosine', 'core/law-of-cosines', 'Find the third side'),
  name("Stewart's Theorem", 'core/stewart-theorem', 'Find the cevian length'),
  name("Fermat's Little Theorem", 'core/fermat-little-theorem', 'Reduce the power modulo p'),
  name('Eulers totient function', 'core/euler-totient-function', "Compute Euler's phi"),
  name('Legendre formula for factorials', 'core/legendre-formula-factorial', 'Count the factors of 2 in 100!'),
  name('Shoelace Formula', 'core/shoelace-formula', 'Area from the coordinates'),
  name("Pick's Theorem", 'core/picks-theorem', 'Count lattice points'),
  name("De Moivre's Theorem", 'core/de-moivre-theorem', 'Raise to the power'),
  name('Partial fraction decomposition', 'core/partial-fraction-decomposition', 'Split the fraction'),
  name('Derangements', 'core/derangements', 'Count the derangements'),
  name('Pigeonhole Principle', 'core/pigeonhole-principle', 'Choose the boxes'),
  name("Bayes' Theorem", 'core/bayes-theorem', 'Reverse the conditional probability'),
  name('Hockey-stick identity', 'core/hockey-stick-identity', 'Collapse the sum'),
  name('Rational Root Theorem', 'core/rational-root-theorem', 'List the candidates'),
  name('Triangle inequality', 'core/triangle-inequality', 'Bound the third side'),
  name('Angle Bisector Theorem', 'core/angle-bisector-theorem', 'Split the opposite side'),
  name('Polynomial long division', 'core/polynomial-long-division', 'Divide the polynomials'),
  // Both the algebra identity and the number-theory factor-pairs template are this technique.
  { ...name('Difference of squares factorization', 'core/special-factorizations', 'Factor the difference of squares'), also: ['core/difference-of-squares-factor-pairs'] },
  name('Quadratc formula', 'starter/quadratic-formula-discriminant', 'Solve the quadratic'),
  name('Pythagoras theorem and special right triangles', 'starter/pythagorean-special-right-triangles', 'Use the right triangle'),
  name('Expected value', 'core/expected-value-definition', 'Compute the expectation'),
  name('Casting out nines', 'core/digit-sum-mod-9', 'Use the digit sum'),

  // ---- invented ids: technique not in the built-in library ---------------------------------
  id('core/law-of-tangents', null, 'Use the law of tangents', 'Relate the sum and difference of two sides to the half-angle tangents.'),
  id('core/mass-points', null, 'Assign mass points', 'Put masses at the vertices so the cevians balance.'),
  id('core/menelaus-theorem', null, "Apply Menelaus' theorem", 'Use the transversal across the triangle.'),
  id('core/ceva-theorem', null, "Apply Ceva's theorem", 'Check the three cevians are concurrent.'),
  id('core/burnside-lemma', null, "Count orbits with Burnside's lemma", 'Average the fixed colourings over the rotations.'),
  id('core/lagrange-multipliers', null, 'Set up Lagrange multipliers', 'Set the gradients parallel.'),
  id('core/integration-by-parts', null, 'Integrate by parts', 'Choose u and dv.'),
  id('core/lhopital-rule', null, "Use L'Hopital's rule", 'Differentiate the numerator and denominator.'),
  id('core/taylor-series', null, 'Expand in a Taylor series', 'Write the first few terms of the expansion.'),
  id('core/jensen-inequality', null, "Apply Jensen's inequality", 'Use the convexity of the function.'),
  id('core/muirhead-inequality', null, "Apply Muirhead's inequality", 'Compare the majorizing exponent sequences.'),
  id('core/holder-inequality', null, "Apply Holder's inequality", 'Use Holder with three sequences.'),
  id('core/quadratic-reciprocity', null, 'Use quadratic reciprocity', 'Flip the Legendre symbol.'),
  id('core/lifting-the-exponent', null, 'Lift the exponent', 'Use LTE to find the power of p dividing a^n - b^n.'),
  id('core/eisenstein-criterion', null, "Apply Eisenstein's criterion", 'Show the polynomial is irreducible.'),
  id('core/descartes-rule-of-signs', null, "Use Descartes' rule of signs", 'Count the sign changes.'),
  id('core/brahmagupta-formula', null, "Use Brahmagupta's formula", 'Find the area of the cyclic quadrilateral from its sides.'),
  id('core/nine-point-circle', null, 'Use the nine-point circle', 'Relate its radius to the circumradius.'),
  id('core/homothety', null, 'Use a homothety', 'Scale the figure about the centre.'),
  id('core/barycentric-coordinates', null, 'Set up barycentric coordinates', 'Write the points in barycentrics.'),
  id('core/cayley-hamilton', null, 'Use Cayley-Hamilton', 'Write the matrix power with its characteristic polynomial.'),
  id('core/eigenvalues', null, 'Find the eigenvalues', 'Solve the characteristic equation of the matrix.'),
  id('core/xyz-123', null, 'Finish the computation', 'Put the pieces together.'),
  id('made-up/technique-42', null, 'Combine the results', 'Put the pieces together.'),
  id('core/', null, 'Simplify', 'Simplify the expression.'),
  id('core/fibonacci-identities', null, 'Use a Fibonacci identity', 'Apply Cassini.'),
  id('core/lucas-theorem', null, "Apply Lucas' theorem", 'Read the binomial coefficient mod p from the base-p digits.'),
  id('core/zsigmondy-theorem', null, "Apply Zsigmondy's theorem", 'Find a primitive prime divisor.'),
  id('core/sturm-sequences', null, 'Count real roots with Sturm sequences', 'Build the Sturm chain.'),
  id('core/green-theorem', null, "Apply Green's theorem", 'Turn the line integral into a double integral.'),

  // ---- a topic, not a technique: one word must not pick the first template that shares it ----
  id('core/quadratic', null, 'Work the step', 'Carry out this part.'),
  id('core/triangles', null, 'Work the step', 'Carry out this part.'),
  id('core/circles', null, 'Work the step', 'Carry out this part.'),
  id('core/substitution', null, 'Work the step', 'Carry out this part.'),
  id('core/counting', null, 'Work the step', 'Carry out this part.'),
  id('core/counting-step', null, 'Count the arrangements', 'Count how many ways the books can be ordered.'),
  id('core/probability', null, 'Work the step', 'Carry out this part.'),
  id('core/polynomials', null, 'Work the step', 'Carry out this part.'),
  id('core/logarithms', null, 'Work the step', 'Carry out this part.'),
  id('core/vectors', null, 'Work the step', 'Carry out this part.'),
  id('core/ellipse', null, 'Work the step', 'Carry out this part.'),
  id('core/area', null, 'Work the step', 'Carry out this part.'),

  // ---- names of techniques the built-in library lacks ---------------------------------------
  name('Law of Tangents', null, 'Use the law of tangents'),
  name('Solving Non-Homogeneous Linear Recurrences', null, 'Solve the recurrence', 'Find a particular solution and add the homogeneous one.'),
  name('Mass Point Geometry', null, 'Assign masses'),
  name("Menelaus' Theorem", null, 'Use the transversal'),
  name("Ceva's Theorem", null, 'Check the cevians'),
  name("Burnside's Lemma", null, 'Count the orbits'),
  name('Lagrange Multipliers', null, 'Set the gradients parallel'),
  name('Integration by Parts', null, 'Integrate by parts'),
  name("Jensen's Inequality", null, 'Use convexity'),
  name('Quadratic Reciprocity', null, 'Flip the Legendre symbol'),
  name('Eigenvalues of a Hermitian Matrix', null, 'Find the eigenvalues'),
  name("Brahmagupta's formula for cyclic quadrilaterals", null, 'Area of the cyclic quadrilateral'),
  name('Spiral similarity', null, 'Find the centre of the spiral similarity'),
  name('Inversion in a circle', null, 'Invert about the circle'),
  name('Simpson line', null, 'Drop the perpendiculars to the sides'),
  name('Counting', null, 'Count the cases', 'Count how many ways there are.'),
  name('Algebra', null, 'Simplify', 'Simplify the expression.'),
  name('Geometry', null, 'Draw the figure', 'Mark the given lengths.'),
  name('Number theory trick', null, 'Look at divisibility', 'Consider the number modulo something.'),
  name('Some useful formula', null, 'Compute', 'Compute the value.'),
];
