/**
 * The bounded paths of the ranking (search.ts): when a query word is in more than COMMON_DF
 * templates, the rarer words decide which templates are ranked, and an all-common query ranks
 * the name/tag index. Same answers a person expects, with the work bounded.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/db/database.js';
import { applyPack } from '../../../../electron/core/packs/pack-store.js';
import { COMMON_DF, searchTemplates } from '../../../../electron/core/retrieval/search.js';
import { makePack, makeTemplate } from '../helpers/make-pack.js';

let dir: string;
let db: Database.Database;
const N = COMMON_DF + 200;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-large-'));
  db = openDatabase(path.join(dir, 'library.sqlite'));
  const pack = makePack({ id: 'big', name: 'Big' }, 0);
  pack.templates = Array.from({ length: N }, (_, i) =>
    makeTemplate(i, {
      id: `t-${i}`,
      name: i === 777 ? 'Zebra lemma for triangles' : i % 100 === 0 ? `Triangle method ${i}` : `Method ${i}`,
      description: `A triangle problem, variant ${i}.`,
    }),
  );
  applyPack(db, pack, { sourceFormat: 'native' });
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ids = (query: string, mode: 'box' | 'problem' = 'box') => searchTemplates(db, { query, limit: 10 }, mode).map((h) => h.template.id);

describe('ranking a library where some words are in most templates', () => {
  it('lets the rarer word decide', () => {
    expect(ids('zebra triangle')[0]).toBe('big/t-777');
    expect(ids('Which zebra lemma applies to this triangle?', 'problem')[0]).toBe('big/t-777');
  });

  it('ranks names and tags when every word is common', () => {
    const got = ids('triangle');
    expect(got).toHaveLength(10);
    // Templates with "triangle" in their name come before those with it only in the description.
    expect(got.slice(0, 5).every((id) => Number(id.split('-')[1]) % 100 === 0 || id === 'big/t-777')).toBe(true);
  });

  it('completes the word being typed from names and tags', () => {
    expect(ids('zeb')[0]).toBe('big/t-777');
  });
});
