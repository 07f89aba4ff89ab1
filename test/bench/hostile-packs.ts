/**
 * Pack files shaped to make a pack reader do quadratic (or worse) work: long blank runs in a
 * ReasonFlux library, a native pack whose description is `\[` repeated, Buffer-of-Thoughts
 * headings with blank runs, backslash runs and HTML-ish blanks. Each is plausible damage (an
 * editor or script gone wrong), not a crafted exploit. Used by the regression tests (every one
 * must be answered quickly) and by the host-probe bench.
 */

export interface HostilePack {
  name: string;
  fileName: string;
  content: string;
}

/** A valid native pack with one template; `overrides` replace pack-level fields. */
export function nativePack(overrides: Record<string, unknown> = {}, template: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: 'reasonflux-tutor-pack',
    formatVersion: 1,
    id: 'hostile-test',
    version: '1.0.0',
    name: 'Hostile test pack',
    language: 'en',
    authors: ['Tests'],
    license: 'CC0-1.0',
    description: 'A pack used by the tests.',
    topics: [{ chapter: 'Algebra', sections: ['Linear'] }],
    templates: [
      {
        id: 'solve-linear',
        name: 'Solve a linear equation',
        type: 'method',
        chapter: 'Algebra',
        section: 'Linear',
        tags: ['linear'],
        description: 'Move terms, then divide.',
        scope: ['One unknown, first degree.'],
        steps: ['Collect the x terms on one side.', 'Divide by the coefficient.'],
        examples: [],
        ...template,
      },
    ],
    ...overrides,
  };
}

/** A ReasonFlux v1 library whose text fields each hold a long run of blanks before a word. */
export function reasonFluxBlankRuns(totalBytes: number): HostilePack {
  const fields = 4;
  const run = ' '.repeat(Math.floor(totalBytes / fields));
  const blanks = `a \n${run}b`;
  const library = {
    Algebra: {
      'Linear equations': [
        {
          template_name: 'Balance both sides',
          template_type: 'method',
          knowledge_tag: ['linear'],
          description: `Keep both sides equal.${blanks}`,
          application_scenario: `Equations of the first degree.${blanks}`,
          reason_flow: [`Add the same to both sides.${blanks}`, `Divide.${blanks}`],
        },
      ],
    },
  };
  return { name: `ReasonFlux, blank runs (${Math.round(totalBytes / 1024)} KB)`, fileName: 'template_library.json', content: JSON.stringify(library) };
}

/** A native pack whose description is `\[` repeated (far over the field limit). */
export function nativeOpenDisplayMath(totalBytes: number): HostilePack {
  const content = JSON.stringify(nativePack({ description: '\\['.repeat(Math.floor(totalBytes / 3)) }));
  return { name: `native, description "\\[" repeated (${(content.length / 1024 / 1024).toFixed(1)} MB)`, fileName: 'open-math.json', content };
}

/** `\[` repeated inside a template field that stays under the field limit, many times over. */
export function nativeOpenMathInFields(templates: number): HostilePack {
  const text = 'x'.concat('\\('.repeat(20_000));
  const list = Array.from({ length: templates }, (_, i) => ({ ...(nativePack().templates as object[])[0], id: `t-${i}`, description: text }));
  return { name: `native, ${templates} fields of "\\(" × 20,000`, fileName: 'open-math-fields.json', content: JSON.stringify(nativePack({ templates: list })) };
}

/** Buffer-of-Thoughts markdown whose heading lines end in blank runs and a stray CR. */
export function botBlankHeadings(blankRun: number): HostilePack {
  const blanks = ' '.repeat(blankRun);
  const content = [
    '# MetaBuffer-Math',
    '',
    `### Problem Type 1: Sum and difference${blanks}\rx`,
    `### Problem Type 2:${blanks}\rx`,
    `**Definition**${blanks}\rx`,
    `#### Note${blanks}x`,
    `Text with a long gap${blanks}and more.`,
  ].join('\n');
  return { name: `Buffer-of-Thoughts, heading blank runs (${Math.round(blankRun / 1000)}k)`, fileName: 'math.md', content };
}

/** Text-rule worst cases inside fields under the limit: `<a` + blanks, backslash runs. */
export function nativeRuleBackTracking(): HostilePack {
  const pack = nativePack(
    {},
    {
      description: `<a${' '.repeat(60_000)}x`,
      steps: [`\\frac${'\\'.repeat(60_000)}1`, `Tidy${' '.repeat(60_000)}x`],
    },
  );
  return { name: 'native, "<a" + blanks and backslash runs', fileName: 'rule-backtracking.json', content: JSON.stringify(pack) };
}

/** A ReasonFlux library with a backslash run (escape-factor scan) in every field. */
export function reasonFluxBackslashRuns(run: number): HostilePack {
  const text = `\\frac12 ${'\\'.repeat(run)}1`;
  const library = {
    Algebra: {
      Fractions: [
        { template_name: 'Fractions', template_type: 'method', description: text, application_scenario: text, reason_flow: [text] },
      ],
    },
  };
  return { name: `ReasonFlux, backslash runs (${Math.round(run / 1000)}k)`, fileName: 'template_library.json', content: JSON.stringify(library) };
}

/** Every hostile case at the sizes the issue reported (200 KB blank runs, 1.6 MB of `\[`). */
export function hostilePacks(): HostilePack[] {
  return [
    reasonFluxBlankRuns(200 * 1024),
    nativeOpenDisplayMath(1.6 * 1024 * 1024),
    nativeOpenMathInFields(20),
    botBlankHeadings(50_000),
    nativeRuleBackTracking(),
    reasonFluxBackslashRuns(60_000),
  ];
}
