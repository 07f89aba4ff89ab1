/**
 * Template authoring: drafts kept in the library database, checked by the same validator
 * an import uses (so "valid here" means "imports everywhere"), exported as a pack file or
 * installed into the library through the normal import path.
 */
import type Database from 'better-sqlite3';
import type { DraftValidation, DraftView, ImportOutcome, PackIssue } from '../../../shared/domain.js';
import { AppFailure } from '../../../shared/result.js';
import { parsePackFile, type ParsedPack } from '../packs/parse.js';
import { exportPack } from '../packs/pack-store.js';
import { DraftStore } from './draft-store.js';
import { stepCountWarnings } from './advice.js';

/** Installs a pack file's text into the library (core.ts supplies the packs.applyImport path). */
export type ApplyImport = (fileName: string, content: string, force?: boolean) => ImportOutcome;

const FIX_ACTION = 'Fix the listed fields in the draft, then validate again.';

export class AuthoringService {
  readonly drafts: DraftStore;

  constructor(
    private readonly db: Database.Database,
    private readonly applyImport: ApplyImport,
    now?: () => Date,
  ) {
    this.drafts = new DraftStore(db, now);
  }

  validate(draftId: string): DraftValidation {
    const draft = this.drafts.get(draftId).draft;
    try {
      const parsed = this.parse(draft);
      return { ok: true, issues: [], warnings: [...parsed.warnings, ...stepCountWarnings(parsed.pack)] };
    } catch (err) {
      const issues = issuesOf(err);
      if (!issues) throw err;
      return { ok: false, issues, warnings: [] };
    }
  }

  /** The pack file for a valid draft; an invalid one is refused with its issue list. */
  export(draftId: string): { fileName: string; content: string } {
    const { pack } = this.parseOrRefuse(this.drafts.get(draftId).draft);
    return { fileName: `${pack.id}-${pack.version}.json`, content: JSON.stringify(pack, null, 2) + '\n' };
  }

  install(draftId: string, force?: boolean): ImportOutcome {
    const file = this.export(draftId);
    return this.applyImport(file.fileName, file.content, force);
  }

  /** Start editing an installed pack: its exported form becomes a new draft. */
  fromPack(packId: string): DraftView {
    const pack = exportPack(this.db, packId);
    const saved = this.drafts.save(pack as unknown as Record<string, unknown>);
    return this.drafts.get(saved.draftId);
  }

  private parse(draft: Record<string, unknown>): ParsedPack {
    return parsePackFile(draftFileName(draft), JSON.stringify(draft));
  }

  private parseOrRefuse(draft: Record<string, unknown>): ParsedPack {
    try {
      return this.parse(draft);
    } catch (err) {
      if (err instanceof AppFailure && err.error.code === 'pack_invalid') {
        throw new AppFailure({ ...err.error, message: `The draft is not a valid pack yet: ${err.error.message}.`, action: FIX_ACTION });
      }
      throw err;
    }
  }
}

/** The name issues are reported under: what the exported file will be called. */
function draftFileName(draft: Record<string, unknown>): string {
  const id = typeof draft.id === 'string' && draft.id.trim() ? draft.id.trim() : 'draft';
  return `${id}.json`.slice(0, 200);
}

/** Issues of a pack_invalid/pack_unreadable failure, or undefined for any other error. */
function issuesOf(err: unknown): PackIssue[] | undefined {
  if (!(err instanceof AppFailure)) return undefined;
  if (err.error.code === 'pack_invalid') return (err.error.details as { issues: PackIssue[] }).issues;
  if (err.error.code === 'pack_unreadable' || err.error.code === 'pack_too_large') {
    return [{ file: 'draft', path: '(whole file)', rule: err.error.code, message: err.error.message }];
  }
  return undefined;
}
