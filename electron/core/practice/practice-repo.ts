/**
 * Practice problems in the library database, one row per problem, removed with their pack.
 * The pack's own JSON for each problem is kept so export gives back exactly what came in.
 */
import type Database from 'better-sqlite3';
import type { PackProblemV1 } from '../../../shared/packs/schema.js';
import type { PracticeProblemSummary } from '../../../shared/tutor.js';
import type { PracticeProblem, PracticeSource } from './practice-problem.js';

interface Row {
  pack_id: string;
  problem_id: string;
  body: string;
}

/** A step's template id as a global id: local ids belong to the problem's own pack. */
export const globalTemplateId = (packId: string, templateId: string) => (templateId.includes('/') ? templateId : `${packId}/${templateId}`);

function toProblem(row: Row): PracticeProblem {
  const p = JSON.parse(row.body) as PackProblemV1;
  return {
    id: `${row.pack_id}/${row.problem_id}`,
    packId: row.pack_id,
    title: p.title,
    problem: p.problem,
    subject: p.subject,
    level: p.level,
    answer: p.answer,
    answerCheck: p.answerCheck ?? 'auto',
    analysis: p.analysis,
    steps: p.steps.map((s) => ({ ...s, templateId: globalTemplateId(row.pack_id, s.templateId) })),
  };
}

const summary = ({ id, packId, title, problem, subject, level }: PracticeProblem): PracticeProblemSummary => ({ id, packId, title, problem, subject, level });

/** Write a pack's problems (inside the caller's transaction; old rows are replaced). */
export function writePracticeProblems(db: Database.Database, packId: string, problems: readonly PackProblemV1[]): void {
  db.prepare('DELETE FROM practice_problems WHERE pack_id = ?').run(packId);
  const insert = db.prepare('INSERT INTO practice_problems (pack_id, problem_id, position, subject, level, body) VALUES (?, ?, ?, ?, ?, ?)');
  problems.forEach((p, i) => insert.run(packId, p.id, i, p.subject, p.level, JSON.stringify(p)));
}

/** A pack's problems as they were imported, in order (for export). */
export function readPackProblems(db: Database.Database, packId: string): PackProblemV1[] {
  const rows = db.prepare('SELECT body FROM practice_problems WHERE pack_id = ? ORDER BY position').all(packId) as { body: string }[];
  return rows.map((r) => JSON.parse(r.body) as PackProblemV1);
}

export class PracticeRepo implements PracticeSource {
  constructor(private readonly db: Database.Database) {}

  list(packId?: string): PracticeProblemSummary[] {
    const rows = (
      packId
        ? this.db.prepare('SELECT pack_id, problem_id, body FROM practice_problems WHERE pack_id = ? ORDER BY position').all(packId)
        : this.db.prepare('SELECT pack_id, problem_id, body FROM practice_problems ORDER BY pack_id, position').all()
    ) as Row[];
    return rows.map((r) => summary(toProblem(r)));
  }

  get(practiceId: string): PracticeProblem | null {
    const slash = practiceId.indexOf('/');
    if (slash < 1) return null;
    const row = this.db
      .prepare('SELECT pack_id, problem_id, body FROM practice_problems WHERE pack_id = ? AND problem_id = ?')
      .get(practiceId.slice(0, slash), practiceId.slice(slash + 1)) as Row | undefined;
    return row ? toProblem(row) : null;
  }
}
