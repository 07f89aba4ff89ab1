/** What to tell a student whose value is right but whose form is not the expected one. */

const HAS_DECIMAL = /\d\.\d/;
const INTEGER_FRACTION = /\\frac\{-?\d+\}\{\d+\}|^-?\d+\/\d+$/;

export function formHint(reference: string, submitted: string, hasVariables: boolean): string {
  if (HAS_DECIMAL.test(submitted) && !HAS_DECIMAL.test(reference)) {
    return 'Your value is right, but give it exactly (as a fraction, root or multiple of π), not as a decimal.';
  }
  if (HAS_DECIMAL.test(reference) && !HAS_DECIMAL.test(submitted)) {
    return 'Your value is right; write it as a decimal, as the question asks.';
  }
  if (INTEGER_FRACTION.test(submitted)) {
    return 'Your value is right, but the fraction can be simplified: reduce it to lowest terms.';
  }
  if (/\/\\sqrt|\\frac\{[^{}]*\}\{[^{}]*\\sqrt/.test(submitted)) {
    return 'Your value is right; now rationalise the denominator (no square root below the fraction line).';
  }
  if (submitted.includes('\\sqrt') || reference.includes('\\sqrt')) {
    return 'Your value is right, but simplify the root: take square factors outside (for example √12 = 2√3).';
  }
  if (hasVariables) {
    return 'Your expression is equal to the expected one but written differently; write it in the form the question asks for (for example expanded or factored).';
  }
  return 'Your value is right, but it is not written in the expected simplest form.';
}
