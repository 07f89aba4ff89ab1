/** What to tell a student whose value is right but whose form is not the expected one (a coded message). */
import { type Message, msg } from '../../../../shared/messages.js';

const HAS_DECIMAL = /\d\.\d/;
const INTEGER_FRACTION = /\\frac\{-?\d+\}\{\d+\}|^-?\d+\/\d+$/;

export function formHint(reference: string, submitted: string, hasVariables: boolean): Message {
  if (HAS_DECIMAL.test(submitted) && !HAS_DECIMAL.test(reference)) return msg('answer.form.exact');
  if (HAS_DECIMAL.test(reference) && !HAS_DECIMAL.test(submitted)) return msg('answer.form.decimal');
  if (INTEGER_FRACTION.test(submitted)) return msg('answer.form.reduce');
  if (/\/\\sqrt|\\frac\{[^{}]*\}\{[^{}]*\\sqrt/.test(submitted)) return msg('answer.form.rationalise');
  if (submitted.includes('\\sqrt') || reference.includes('\\sqrt')) return msg('answer.form.root', { example: '√12 = 2√3' });
  if (hasVariables) return msg('answer.form.expression');
  return msg('answer.form.simplest');
}
