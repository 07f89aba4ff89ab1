/**
 * Numbered schema migrations. The applied version lives in `PRAGMA user_version`; every
 * pending step runs inside one transaction so a crash never leaves a half-migrated file.
 * Append new steps at the end; never edit a step that has shipped.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  /** Why this step exists, for people reading the list. */
  purpose: string;
  up(db: Database.Database): void;
}

const LIBRARY_V1 = `
CREATE TABLE packs (
  id            TEXT PRIMARY KEY,
  version       TEXT NOT NULL,
  name          TEXT NOT NULL,
  language      TEXT NOT NULL,
  authors       TEXT NOT NULL,          -- JSON string[]
  license       TEXT NOT NULL,
  attribution   TEXT,
  description   TEXT NOT NULL,
  topics        TEXT NOT NULL,          -- JSON {chapter, sections[]}[] in display order
  schema_url    TEXT,                   -- the file's "$schema", kept so export is exact
  source_format TEXT NOT NULL,
  imported_at   TEXT NOT NULL,
  built_in      INTEGER NOT NULL DEFAULT 0,
  content_hash  TEXT NOT NULL
);

CREATE TABLE templates (
  rowid        INTEGER PRIMARY KEY,
  pack_id      TEXT NOT NULL REFERENCES packs(id) ON DELETE CASCADE,
  template_id  TEXT NOT NULL,
  position     INTEGER NOT NULL,        -- index in the pack's templates array
  topic_pos    INTEGER NOT NULL,        -- index of (chapter, section) in the pack's topics, flattened
  chapter      TEXT NOT NULL,
  section      TEXT NOT NULL,
  name         TEXT NOT NULL,
  type         TEXT NOT NULL,
  tags         TEXT NOT NULL,           -- JSON string[]
  description  TEXT NOT NULL,
  scope        TEXT NOT NULL,           -- JSON string[]
  steps        TEXT NOT NULL,           -- JSON string[]
  examples     TEXT NOT NULL,           -- JSON WorkedExample[]
  license      TEXT,
  attribution  TEXT,
  content_hash TEXT NOT NULL,
  UNIQUE (pack_id, template_id)
);
-- Browse order (pack topics, then template position) without a sort step.
CREATE INDEX templates_browse ON templates (pack_id, topic_pos, position);
CREATE INDEX templates_chapter ON templates (pack_id, chapter, topic_pos, position);

-- One row per (template, tag) so tag filters and tag counts use an index. One b-tree only,
-- keyed by tag first (tag filters, per-pack tag filters, tag counts): a second index by
-- template doubled the cost of writing tags on a large import. No foreign key for the same
-- reason (a cascade would need that index); TemplateWriter removes a template's tag rows
-- itself, looked up by the tags stored on the template row.
CREATE TABLE template_tags (
  tag            TEXT NOT NULL,
  pack_id        TEXT NOT NULL,
  template_rowid INTEGER NOT NULL,
  PRIMARY KEY (tag, pack_id, template_rowid)
) WITHOUT ROWID;

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT
) WITHOUT ROWID;

-- The searchable text of each template, one column per full-text column (the same text as
-- retrieval/fts-document.ts builds), derived from the stored row: the full-text indexes use
-- it as their external content, so no template text is stored twice (a third of the file).
-- No ORDER BY inside group_concat: json_each yields a list in its order and the aggregate
-- concatenates in scan order, while an ORDER BY sorts every list of every row again (a third
-- of the view's cost when 100,000 templates are indexed). test/unit/core/retrieval/fts-text
-- holds the view equal to ftsDocument().
CREATE VIEW templates_text (rowid, name, tags, description, scope, steps, examples) AS
SELECT t.rowid, t.name,
  (SELECT coalesce(group_concat(j.value, ', '), '') FROM json_each(t.tags) j),
  t.description,
  (SELECT coalesce(group_concat(j.value, char(10)), '') FROM json_each(t.scope) j),
  (SELECT coalesce(group_concat(j.value, char(10)), '') FROM json_each(t.steps) j),
  (SELECT coalesce(group_concat(
      json_extract(e.value, '$.problem') || char(10) ||
      coalesce((SELECT group_concat(s.value, char(10)) FROM json_each(e.value, '$.solution') s) || char(10), '') ||
      json_extract(e.value, '$.answer'),
    char(10) || char(10)), '') FROM json_each(t.examples) e)
FROM templates t;

-- Full-text index over templates_text; rowid = templates.rowid. Kept in sync by the code that
-- writes templates (faster than triggers for bulk import): index entries are removed while
-- the row still holds the indexed text, and added from the view once the row is written.
-- No prefix index: FTS5 answers "tri"* from its term b-tree at about the same speed over
-- 100,000 templates, while prefix = '2 3' made a large import ~40% slower.
CREATE VIRTUAL TABLE templates_fts USING fts5 (
  name, tags, description, scope, steps, examples,
  content = 'templates_text',
  tokenize = 'unicode61 remove_diacritics 2'
);
-- Name and tags only: a small index searched first, so a common word that occurs in most
-- templates' text ranks a few thousand titles instead of the whole library.
CREATE VIRTUAL TABLE templates_head_fts USING fts5 (
  name, tags,
  content = 'templates_text',
  tokenize = 'unicode61 remove_diacritics 2'
);
-- Bigger in-memory batches before FTS5 writes a segment: far fewer merges when a large
-- pack is imported in one transaction (memory is only used while such a transaction runs).
INSERT INTO templates_fts (templates_fts, rank) VALUES ('hashsize', 67108864);
INSERT INTO templates_head_fts (templates_head_fts, rank) VALUES ('hashsize', 16777216);
`;

const SESSIONS_V2 = `
CREATE TABLE sessions (
  id          TEXT PRIMARY KEY,
  problem     TEXT NOT NULL,
  practice_id TEXT,                     -- 'packId/problemId' for practice problems
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  status      TEXT NOT NULL
);
CREATE INDEX sessions_recent ON sessions (updated_at DESC);

-- Append-only: every reveal, attempt, plan version and partial stream, as it happens.
-- The session view is rebuilt from these, so resuming after a crash is just reading them.
CREATE TABLE session_events (
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  type       TEXT NOT NULL,
  payload    TEXT NOT NULL,             -- JSON
  at         TEXT NOT NULL,
  PRIMARY KEY (session_id, seq)
) WITHOUT ROWID;
`;

const PRACTICE_V3 = `
CREATE TABLE practice_problems (
  pack_id    TEXT NOT NULL REFERENCES packs(id) ON DELETE CASCADE,
  problem_id TEXT NOT NULL,
  position   INTEGER NOT NULL,          -- index in the pack's problems array
  subject    TEXT NOT NULL,
  level      INTEGER NOT NULL,
  body       TEXT NOT NULL,             -- the problem exactly as in the pack (JSON), for export
  PRIMARY KEY (pack_id, problem_id)
) WITHOUT ROWID;
CREATE INDEX practice_problems_order ON practice_problems (pack_id, position);
`;

// A draft is a pack still being written: any JSON object, possibly incomplete or invalid.
const AUTHORING_V4 = `
CREATE TABLE authoring_drafts (
  id         TEXT PRIMARY KEY,
  body       TEXT NOT NULL,             -- the draft pack as JSON
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
`;

// A worked step being streamed, as the pieces saved so far (one row per save, each holding only
// the new text), so a long stream costs linear space instead of a growing copy per save. The
// step's one 'rung' event replaces the pieces when the stream ends (store.ts); pieces left by a
// crash are shown as the partial worked step when the session is opened again.
const STREAMS_V5 = `
CREATE TABLE session_streams (
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  step_index INTEGER NOT NULL,
  start      INTEGER NOT NULL,          -- offset of the piece in the step's text (UTF-16 units)
  piece      TEXT NOT NULL,
  PRIMARY KEY (session_id, step_index, start)
);
`;

/**
 * Older versions saved a streamed step by appending its whole text so far as a new event
 * every 400 characters, so long steps filled the file quadratically. A worked-step event
 * followed by a later worked-step event for the same step index never shows (the later one
 * replaces it whole, and a re-plan in between resets the step anyway): drop those, one pass.
 */
function compactPartialEvents(db: Database.Database): void {
  db.exec(`
    CREATE TEMP TABLE superseded AS
    SELECT session_id, seq FROM (
      SELECT session_id, seq,
        MAX(seq) OVER (PARTITION BY session_id, json_extract(payload, '$.stepIndex')) AS last
      FROM session_events
      WHERE type = 'rung' AND json_extract(payload, '$.rung') = 'instantiation'
    ) WHERE seq < last;
    DELETE FROM session_events WHERE (session_id, seq) IN (SELECT session_id, seq FROM superseded);
    DROP TABLE superseded;
  `);
}

// One weighted ranking over every field needs a stemmed index: the full-text index is rebuilt
// with the Porter tokenizer ("bases" finds "base"), from the same external content. Two
// vocabulary views serve the query side: the stemmed index's (is this word known?) and the
// name/tag index's (typo corrections come from template names and tags). Vectors from an
// embedding model, one per template per model, for optional semantic retrieval: keyed by
// template first so the cascade from a removed template is a key look-up; content_hash says
// which text the vector was computed from (a changed template's vector is ignored).
const RETRIEVAL_V6 = `
DROP TABLE templates_fts;
DROP VIEW templates_text;
-- As in version 1, with the template's chapter and section appended to its scope (where in
-- the curriculum it applies), so the topic words take part in the one ranking.
CREATE VIEW templates_text (rowid, name, tags, description, scope, steps, examples) AS
SELECT t.rowid, t.name,
  (SELECT coalesce(group_concat(j.value, ', '), '') FROM json_each(t.tags) j),
  t.description,
  (SELECT coalesce(group_concat(j.value, char(10)) || char(10), '') FROM json_each(t.scope) j) || t.chapter || char(10) || t.section,
  (SELECT coalesce(group_concat(j.value, char(10)), '') FROM json_each(t.steps) j),
  (SELECT coalesce(group_concat(
      json_extract(e.value, '$.problem') || char(10) ||
      coalesce((SELECT group_concat(s.value, char(10)) FROM json_each(e.value, '$.solution') s) || char(10), '') ||
      json_extract(e.value, '$.answer'),
    char(10) || char(10)), '') FROM json_each(t.examples) e)
FROM templates t;
CREATE VIRTUAL TABLE templates_fts USING fts5 (
  name, tags, description, scope, steps, examples,
  content = 'templates_text',
  tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO templates_fts (templates_fts, rank) VALUES ('hashsize', 67108864);
-- Not 'rebuild': FTS5 reads external content as main.<view>, where json_each does not resolve.
INSERT INTO templates_fts (rowid, name, tags, description, scope, steps, examples)
  SELECT rowid, name, tags, description, scope, steps, examples FROM templates_text;
CREATE VIRTUAL TABLE templates_vocab USING fts5vocab (templates_fts, 'row');
CREATE VIRTUAL TABLE templates_head_vocab USING fts5vocab (templates_head_fts, 'row');
CREATE TABLE template_vectors (
  template_rowid INTEGER NOT NULL REFERENCES templates(rowid) ON DELETE CASCADE,
  model          TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  dims           INTEGER NOT NULL,
  vector         BLOB NOT NULL,         -- float32, little-endian, dims values
  PRIMARY KEY (template_rowid, model)
) WITHOUT ROWID;
CREATE INDEX template_vectors_model ON template_vectors (model);
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, purpose: 'template library: packs, templates, tags, settings, full-text index', up: (db) => db.exec(LIBRARY_V1) },
  { version: 2, purpose: 'tutoring sessions and their append-only event log', up: (db) => db.exec(SESSIONS_V2) },
  { version: 3, purpose: 'practice problems shipped in packs (removed with their pack)', up: (db) => db.exec(PRACTICE_V3) },
  { version: 4, purpose: 'teachers\' pack drafts being authored (kept until deleted)', up: (db) => db.exec(AUTHORING_V4) },
  {
    version: 5,
    purpose: 'streamed worked steps stored as appended pieces; old repeated partial events compacted',
    up: (db) => {
      db.exec(STREAMS_V5);
      compactPartialEvents(db);
    },
  },
  {
    version: 6,
    purpose: 'retrieval: stemmed full-text index (rebuilt), vocabulary views for typo correction, per-model template vectors',
    up: (db) => db.exec(RETRIEVAL_V6),
  },
];

/** The schema version this build of the app writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Run every migration newer than the file's user_version, all in one transaction. */
export function runMigrations(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const readVersion = () => db.pragma('user_version', { simple: true }) as number;
  if (!migrations.some((m) => m.version > readVersion())) return readVersion();
  // Re-read under the write lock: another process may have migrated the file meanwhile.
  return db
    .transaction(() => {
      let version = readVersion();
      for (const step of migrations.filter((m) => m.version > version)) {
        step.up(db);
        db.pragma(`user_version = ${step.version}`);
        version = step.version;
      }
      return version;
    })
    .immediate();
}
