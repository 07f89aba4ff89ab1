/**
 * The teacher-facing pack operations: parse and validate a file completely, then show a
 * preview or apply it in one transaction. Nothing is written unless the whole file is valid.
 * Files from outside are checked on a worker thread with a time budget (off-thread.ts); the
 * database work stays here. Built-in pack ids are reserved for the packs the app ships.
 *
 * Two steps, one parse: stageImport/stageFile check a file and hold the result under an
 * import id (staged-imports.ts); applyStaged writes exactly what was previewed, without
 * reading or parsing the file again.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { BuiltInPackView, StagedImportPreview } from '../../../shared/contract.js';
import type { ImportOutcome, ImportPreview } from '../../../shared/domain.js';
import { failure } from '../../../shared/result.js';
import { PackChecker } from './off-thread.js';
import { parsePackFile, type ParsedPack } from './parse.js';
import { applyPack, exportPack, getInstalledVersion, previewPack, removePack } from './pack-store.js';
import { readPackFile } from './read-file.js';
import { StagedImports, type StagedImportsOptions } from './staged-imports.js';

export interface PackFileOptions {
  /** Install the file's pack under this id instead of its own (a fork of a built-in pack). */
  asPackId?: string;
}

interface Shipped {
  file: string;
  parsed: ParsedPack;
}

/** A pack file checked and guarded, waiting for Apply. */
interface Staged {
  fileName: string;
  parsed: ParsedPack;
}

/** What the service needs of the off-thread checker (tests wrap the real one to count parses). */
export type PackCheck = Pick<PackChecker, 'check' | 'close'>;

export interface PackServiceOptions {
  /** Bounds and clock of the staged imports. */
  staging?: StagedImportsOptions;
  checker?: PackCheck;
}

/** Runs a pack write once the import lock allows it (handlers pass withImportLock). */
export type RunLocked = <R>(label: string, write: () => R) => Promise<R>;
const unlocked: RunLocked = async (_label, write) => write();

export class PackService {
  private shipped: Map<string, Shipped> | null = null;
  private readonly checker: PackCheck;
  private readonly staged: StagedImports<Staged>;

  /** `resourcesDir` holds packs/*.json, the built-in packs; their ids are reserved. */
  constructor(
    private readonly db: Database.Database,
    private readonly resourcesDir?: string,
    opts: PackServiceOptions = {},
  ) {
    this.checker = opts.checker ?? new PackChecker();
    this.staged = new StagedImports<Staged>(opts.staging);
  }

  /** Synchronous parse on this thread: for trusted or already size-bounded text (drafts). */
  preview(fileName: string, content: string, opts: PackFileOptions = {}): ImportPreview {
    return this.previewParsed(this.guard(parsePackFile(path.basename(fileName), content, packIdOpt(opts)), fileName));
  }

  apply(fileName: string, content: string, opts: PackFileOptions & { force?: boolean } = {}): ImportOutcome {
    return this.applyParsed(this.guard(parsePackFile(path.basename(fileName), content, packIdOpt(opts)), fileName), opts.force);
  }

  /**
   * Check a pack file's text on the worker thread and hold the result for applyStaged: the
   * preview carries the import id. Fails (nothing held) when the file is not a valid pack.
   */
  async stageImport(fileName: string, content: string, opts: PackFileOptions = {}): Promise<StagedImportPreview> {
    const parsed = this.guard(await this.checker.check(path.basename(fileName), content, packIdOpt(opts)), fileName);
    const preview = this.previewParsed(parsed);
    const importId = this.staged.stage({ fileName: path.basename(fileName), parsed }, content.length);
    return { importId, ...preview };
  }

  /** stageImport() for a file on disk, read here (size-checked, strict UTF-8): the desktop menu's path. */
  async stageFile(filePath: string, opts: PackFileOptions = {}): Promise<StagedImportPreview & { fileName: string }> {
    const { fileName, content } = await readPackFile(filePath);
    return { fileName, ...(await this.stageImport(fileName, content, opts)) };
  }

  /**
   * Write what stageImport held under `importId`. The id is used up at once (a second Apply
   * gets import_expired), then the write waits for `runLocked`. A write that fails (an older
   * version without force) needs a fresh preview.
   */
  async applyStaged(importId: string, opts: { force?: boolean } = {}, runLocked: RunLocked = unlocked): Promise<ImportOutcome> {
    const { fileName, parsed } = this.staged.take(importId);
    return runLocked(`app import ${fileName}`, () => this.applyParsed(parsed, opts.force));
  }

  /** Forget a staged import (the teacher cancelled); false when it was not held. */
  discardStaged(importId: string): boolean {
    return this.staged.discard(importId);
  }

  /** apply(), with the parse and validation on the worker thread. */
  async applyOffThread(fileName: string, content: string, opts: PackFileOptions & { force?: boolean } = {}): Promise<ImportOutcome> {
    const parsed = await this.checker.check(path.basename(fileName), content, packIdOpt(opts));
    return this.applyParsed(this.guard(parsed, fileName), opts.force);
  }

  remove(packId: string) {
    return removePack(this.db, packId);
  }

  export(packId: string): { fileName: string; content: string } {
    const pack = exportPack(this.db, packId);
    return { fileName: `${pack.id}-${pack.version}.json`, content: JSON.stringify(pack, null, 2) + '\n' };
  }

  close(): void {
    this.staged.clear();
    this.checker.close();
  }

  /**
   * Install the packs the app ships (resources/packs/*.json). A built-in pack is installed
   * on first start and updated when the app ships a newer version; once a user removes it,
   * it stays removed (remembered in `removedBuiltIns`).
   */
  installBuiltIns(removedBuiltIns: ReadonlySet<string>): ImportOutcome[] {
    const outcomes: ImportOutcome[] = [];
    for (const [id, { parsed }] of this.builtIns()) {
      if (removedBuiltIns.has(id)) continue;
      const preview = previewPack(this.db, parsed.pack, parsed.sourceFormat, parsed.warnings);
      if (preview.action === 'install' || preview.action === 'update') {
        outcomes.push(applyPack(this.db, parsed.pack, { sourceFormat: parsed.sourceFormat, builtIn: true }));
      }
    }
    return outcomes;
  }

  /** The packs the app ships, and whether each is installed as shipped. */
  listBuiltIns(): BuiltInPackView[] {
    return [...this.builtIns()].map(([id, { parsed }]) => {
      const installedVersion = getInstalledVersion(this.db, id);
      const state = installedVersion === null ? 'missing' : previewPack(this.db, parsed.pack, parsed.sourceFormat).action === 'same' ? 'installed' : 'changed';
      return { id, name: parsed.pack.name, version: parsed.pack.version, installedVersion, state };
    });
  }

  /**
   * Put a built-in pack back exactly as the app ships it: reinstalled when removed, and
   * replaced (whatever version is installed) when its templates were changed or damaged.
   */
  restoreBuiltIn(packId: string): ImportOutcome {
    const shipped = this.builtIns().get(packId);
    if (!shipped) {
      throw failure('not_found', `"${packId}" is not one of the app's built-in packs (${[...this.builtIns().keys()].join(', ')}).`, {
        action: 'Choose one of the built-in packs listed under Packs.',
      });
    }
    const { pack, sourceFormat } = shipped.parsed;
    return applyPack(this.db, pack, { sourceFormat, builtIn: true, force: true });
  }

  /** Ids reserved for the app's own packs. */
  builtInIds(): string[] {
    return [...this.builtIns().keys()];
  }

  private builtIns(): Map<string, Shipped> {
    if (this.shipped) return this.shipped;
    const shipped = new Map<string, Shipped>();
    const dir = this.resourcesDir ? path.join(this.resourcesDir, 'packs') : null;
    if (dir && fs.existsSync(dir)) {
      for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
        const parsed = parsePackFile(file, fs.readFileSync(path.join(dir, file), 'utf8'));
        shipped.set(parsed.pack.id, { file, parsed });
      }
    }
    this.shipped = shipped;
    return shipped;
  }

  /**
   * A pack from outside may not take a built-in pack's id, unless it IS that pack as the app
   * ships it (an exported copy imported back). Otherwise a file with `"id": "core"` and a
   * higher version would replace the 179 core templates the practice problems point at.
   */
  private guard(parsed: ParsedPack, fileName: string): ParsedPack {
    const shipped = this.builtIns().get(parsed.pack.id);
    if (!shipped || samePack(shipped.parsed, parsed)) return parsed;
    const id = parsed.pack.id;
    throw failure('pack_invalid', `The pack id "${id}" belongs to a built-in pack; another pack may not use it.`, {
      details: {
        issues: [
          {
            file: path.basename(fileName),
            path: 'id',
            rule: 'built_in_id',
            message: `"${id}" is the id of the built-in pack "${shipped.parsed.pack.name}"; a different pack cannot replace it`,
          },
        ],
      },
      action: `Give the pack its own id: change "id" in the file, or import it as a copy under a new id (npm run packs -- import FILE --as NEW_ID). To get the original "${id}" back, use Restore under Packs.`,
    });
  }

  private previewParsed(parsed: ParsedPack): ImportPreview {
    return previewPack(this.db, parsed.pack, parsed.sourceFormat, parsed.warnings, parsed.encoded);
  }

  private applyParsed(parsed: ParsedPack, force?: boolean): ImportOutcome {
    return applyPack(this.db, parsed.pack, { sourceFormat: parsed.sourceFormat, ...(force ? { force } : {}), ...(parsed.encoded ? { encoded: parsed.encoded } : {}) });
  }
}

const packIdOpt = (opts: PackFileOptions) => (opts.asPackId ? { packId: opts.asPackId } : {});

/** The same pack content (zod output has a fixed key order, so the JSON text compares). */
const samePack = (a: ParsedPack, b: ParsedPack) =>
  a.pack.version === b.pack.version && a.pack.templates.length === b.pack.templates.length && JSON.stringify(a.pack) === JSON.stringify(b.pack);
