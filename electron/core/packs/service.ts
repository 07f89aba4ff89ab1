/**
 * The teacher-facing pack operations: parse and validate a file completely, then show a
 * preview or apply it in one transaction. Nothing is written unless the whole file is valid.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ImportOutcome, ImportPreview } from '../../../shared/domain.js';
import { parsePackFile } from './parse.js';
import { applyPack, exportPack, previewPack, removePack } from './pack-store.js';

export class PackService {
  constructor(private readonly db: Database.Database) {}

  preview(fileName: string, content: string): ImportPreview {
    const parsed = parsePackFile(path.basename(fileName), content);
    return previewPack(this.db, parsed.pack, parsed.sourceFormat, parsed.warnings);
  }

  apply(fileName: string, content: string, opts: { force?: boolean; builtIn?: boolean } = {}): ImportOutcome {
    const parsed = parsePackFile(path.basename(fileName), content);
    return applyPack(this.db, parsed.pack, { sourceFormat: parsed.sourceFormat, ...opts });
  }

  remove(packId: string) {
    return removePack(this.db, packId);
  }

  export(packId: string): { fileName: string; content: string } {
    const pack = exportPack(this.db, packId);
    return { fileName: `${pack.id}-${pack.version}.json`, content: JSON.stringify(pack, null, 2) + '\n' };
  }

  /**
   * Install the packs the app ships (resources/packs/*.json). A built-in pack is installed
   * on first start and updated when the app ships a newer version; once a user removes it,
   * it stays removed (remembered in `removedBuiltIns`).
   */
  installBuiltIns(resourcesDir: string, removedBuiltIns: ReadonlySet<string>): ImportOutcome[] {
    const dir = path.join(resourcesDir, 'packs');
    if (!fs.existsSync(dir)) return [];
    const outcomes: ImportOutcome[] = [];
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const content = fs.readFileSync(path.join(dir, file), 'utf8');
      const parsed = parsePackFile(file, content);
      if (removedBuiltIns.has(parsed.pack.id)) continue;
      const preview = previewPack(this.db, parsed.pack, parsed.sourceFormat, parsed.warnings);
      if (preview.action === 'install' || preview.action === 'update') {
        outcomes.push(applyPack(this.db, parsed.pack, { sourceFormat: parsed.sourceFormat, builtIn: true }));
      }
    }
    return outcomes;
  }
}
