/**
 * A session as Markdown a teacher can read or keep: the problem, every plan version, each
 * step's revealed help and attempts, and the final answers. LaTeX is left as written ($…$)
 * so any Markdown viewer with math support shows it. The tutor's own words (feedback, notices,
 * plan reasons) are coded messages, written here in English from the one catalog.
 */
import { english } from '../../../shared/messages.js';
import type { SessionView, StepView } from '../../../shared/tutor.js';
import { HELD_BACK, TRUNCATED } from '../../../shared/tutor.js';
import { scrubSecrets } from '../util/scrub-secrets.js';

const VERDICT_WORDS: Record<string, string> = {
  correct: 'correct',
  equivalent_form: 'right value, different form',
  incorrect: 'not correct',
  unparseable: 'could not be read',
  unchecked: 'not checked',
};

const HELD_NOTE = '*(held back: this would give away the final answer)*';

const quote = (text: string) =>
  text
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');

function stepSection(step: StepView, i: number): string {
  const out = [`### Step ${i + 1}: ${step.title}`, ''];
  if (step.template) out.push(`Template: ${step.template.name} (\`${step.template.id}\`)`, '');
  const r = step.revealed;
  if (r.goal !== undefined) out.push('**Goal**', '', quote(r.goal), '');
  if (r.template) out.push('**Template card** was opened.', '');
  if (r.hint !== undefined) out.push('**Hint**', '', quote(r.hint), '');
  if (r.instantiation) {
    out.push(`**Worked step**${r.instantiation.complete ? '' : ' (incomplete: the answer was cut short)'}`, '', quote(r.instantiation.text), '');
  }
  for (const a of step.attempts) {
    out.push(`**Attempt** (${VERDICT_WORDS[a.verdict] ?? a.verdict}): ${a.text}`, '');
    const feedback = english(a.feedback);
    if (feedback) out.push(quote(feedback), '');
  }
  return out.join('\n');
}

export function sessionToMarkdown(s: SessionView): { fileName: string; content: string } {
  const out = [`# Tutoring session`, '', `Started ${s.createdAt}; status: ${s.status}.`, '', '## Problem', '', s.problem, ''];
  if (s.notice) out.push(`*${english(s.notice.message)}*`, '');
  for (const plan of s.plans) {
    out.push(`## Plan, version ${plan.version}`, '', `*${english(plan.reason)}*`, '');
    if (plan.analysis) out.push(plan.analysis, '');
    plan.steps.forEach((st, i) => out.push(`${i + 1}. **${st.title}**: ${st.goal}${st.templateId ? ` (\`${st.templateId}\`)` : ''}`));
    out.push('');
    if (plan.changes.length) {
      out.push('Changes from the previous plan:', '');
      for (const c of plan.changes) out.push(`- ${c.kind}: step ${c.index + 1}, ${c.title}`);
      out.push('');
    }
  }
  if (s.steps.length) {
    out.push('## Steps', '');
    s.steps.forEach((st, i) => out.push(stepSection(st, i)));
  }
  out.push('## Final answer', '');
  if (!s.finalAttempts.length) out.push('No final answer was submitted.', '');
  for (const f of s.finalAttempts) out.push(`- $${f.answer}$: ${VERDICT_WORDS[f.verdict] ?? f.verdict}${english(f.detail) ? `. ${english(f.detail)}` : ''}`);
  out.push('', `Model use: ${s.usage.calls} calls, ${s.usage.promptTokens} prompt tokens, ${s.usage.completionTokens} completion tokens.`, '');
  const slug = s.problem.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'session';
  return { fileName: `session-${s.createdAt.slice(0, 10)}-${slug}.md`, content: scrubSecrets(out.join('\n')).replaceAll(HELD_BACK, HELD_NOTE).replaceAll(TRUNCATED, '*(cut here: the reply was too long)*') };
}
