/**
 * parseTrajectory on the navigator dict of the real ReasonFlux-Refined run
 * (reasonflux-refined/meta_data.json), as JSON and as the Python repr the original code printed.
 * The same checks on our own run in that layout: test/unit/core/model/parse/parse.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTrajectory, type ParseTrajectoryResult } from '../../../electron/core/model/parse/trajectory.js';
import { referenceFile } from '../reference-dir.js';

const meta = JSON.parse(readFileSync(referenceFile('reasonflux-refined/meta_data.json'), 'utf8')) as {
  step1: { reasoning_thoughts: string[]; template: Record<string, unknown> & { reason_flow: string[] } };
};

function okOf(result: ParseTrajectoryResult) {
  if (!result.ok) throw new Error(`expected ok, got: ${result.reason}`);
  return result;
}

describe('parseTrajectory: ReasonFlux v1 navigator dict (real transcript)', () => {
  const template = meta.step1.template;

  function checkV1(result: ParseTrajectoryResult) {
    const parsed = okOf(result);
    expect(parsed.trajectory.source).toBe('reasonflux-v1');
    expect(parsed.trajectory.steps).toHaveLength(template.reason_flow.length);
    parsed.trajectory.steps.forEach((step, i) => {
      expect(step.goal).toBe(template.reason_flow[i]);
      expect(step.title.length).toBeGreaterThan(3);
      expect(step.title.length).toBeLessThanOrEqual(101);
      expect(step.templateId).toBeNull();
    });
    expect(parsed.v1).toEqual({
      category: template['General Knowledge Category'],
      direction: template['Specific Direction'],
      method: template['Applied Method'],
      knowledge: template['Examined Knowledge'],
    });
    return parsed;
  }

  it('reads the dict as JSON', () => {
    checkV1(parseTrajectory(JSON.stringify(template)));
  });

  it('reads it as the Python repr the original code printed, after its <think> block', () => {
    const pyRepr = JSON.stringify(template, null, 1).replace(/"/g, "'");
    const raw = `<think>${meta.step1.reasoning_thoughts[0]}</think>\n${pyRepr}`;
    const parsed = checkV1(parseTrajectory(raw));
    expect(parsed.trajectory.analysis).toContain(String(template['Applied Method']));
  });
});
