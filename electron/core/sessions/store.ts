/**
 * Sessions in SQLite: one row per session plus its append-only event log, and the pieces of
 * worked steps still being streamed.
 *
 * Reading a session is incremental: the folded state of recently used sessions is kept in
 * memory with the last event seq it includes; a read applies only the events appended since.
 *
 * Writes never fail or hold the event loop because another process (a teacher's CLI import)
 * holds the write lock: a piece of a stream that cannot be saved at once is saved with the
 * next piece; an event that cannot be written within a short wait is kept in memory (and
 * shown by reads) and written, in order, as soon as the lock is free (see `flush`).
 */
import type Database from 'better-sqlite3';
import type { SessionStatus } from '../../../shared/tutor.js';
import { isBusy, withBusyTimeout } from '../db/busy.js';
import { cachedStatement } from '../db/statement-cache.js';
import type { SessionEventMap, SessionEventType, SessionRow, StoredEvent } from './events.js';
import { applyEvent, applyOpenStreams, copyState, emptySessionState, type OpenStream, type SessionState, type TemplateLookup } from './rebuild.js';
import { scrubDeep, scrubSecrets } from '../util/scrub-secrets.js';

export type { SessionRow };

interface RawRow {
  id: string;
  problem: string;
  practice_id: string | null;
  created_at: string;
  updated_at: string;
  status: SessionStatus;
}

const toRow = (r: RawRow): SessionRow => ({ id: r.id, problem: r.problem, practiceId: r.practice_id, createdAt: r.created_at, updatedAt: r.updated_at, status: r.status });

export interface SessionStoreOptions {
  /** Sessions whose folded state is kept in memory. */
  cachedSessions?: number;
  /** How long one write waits for another process's lock before it is kept for later. */
  writeWaitMs?: number;
}

interface CacheEntry {
  createdAt: string;
  lastSeq: number;
  state: SessionState;
}

/** A write kept for later: a new session's row, or an event. */
type PendingWrite = { sessionId: string; row: SessionRow; event?: undefined } | { sessionId: string; event: StoredEvent; row?: undefined };

const FLUSH_FIRST_DELAY_MS = 50;
const FLUSH_MAX_DELAY_MS = 1_000;

export class SessionStore {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly cachedSessions: number;
  private readonly writeWaitMs: number;
  /** Writes not yet done because the database was locked, in order. */
  private pending: PendingWrite[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private flushDelay = FLUSH_FIRST_DELAY_MS;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
    opts: SessionStoreOptions = {},
  ) {
    this.cachedSessions = Math.max(1, opts.cachedSessions ?? 32);
    this.writeWaitMs = opts.writeWaitMs ?? 100;
  }

  create(id: string, problem: string, practiceId: string | null): SessionRow {
    const at = this.now().toISOString();
    this.cache.delete(id);
    const row: SessionRow = { id, problem, practiceId, createdAt: at, updatedAt: at, status: 'planning' };
    if (this.pending.length && !this.flushNow(0)) {
      if (this.get(id)) throw new Error(`session ${id} already exists`);
      this.keep({ sessionId: id, row });
      return row;
    }
    try {
      withBusyTimeout(this.db, this.writeWaitMs, () => this.insertRow(row));
    } catch (err) {
      if (!isBusy(err)) throw err;
      this.keep({ sessionId: id, row });
    }
    return row;
  }

  /**
   * Append one event; written at once so a crash loses nothing already shown. A worked-step
   * event closes that step's open stream, and a re-plan closes the streams of the steps it
   * replaces, in the same transaction.
   */
  append<T extends SessionEventType>(sessionId: string, type: T, unscrubbed: SessionEventMap[T]): StoredEvent<T> {
    // No API key or token is ever written to the log (a server may echo one in an error).
    const payload = scrubDeep(unscrubbed);
    const at = this.now().toISOString();
    if (this.pending.length) {
      // Keep the order: nothing overtakes an event still waiting for the lock.
      this.flushNow(0);
      if (this.pending.length) {
        if (!this.get(sessionId)) throw new Error(`there is no session ${sessionId}`);
        return this.keep({ sessionId, event: { seq: this.nextSeq(sessionId), type, payload, at } }).event as StoredEvent<T>;
      }
    }
    try {
      return withBusyTimeout(this.db, this.writeWaitMs, () =>
        this.db
          .transaction(() => {
            const event = { seq: this.dbNextSeq(sessionId), type, payload, at };
            this.write(sessionId, event);
            return event;
          })
          .immediate(),
      );
    } catch (err) {
      if (!isBusy(err) || !this.get(sessionId)) throw err;
      return this.keep({ sessionId, event: { seq: this.nextSeq(sessionId), type, payload, at } }).event as StoredEvent<T>;
    }
  }

  /**
   * Save the text of a worked step being streamed: `piece` is what was shown after the first
   * `from` characters (the end of the last save), written as one new row. Returns the new
   * saved end, or null if the database was busy (the caller keeps the piece for the next save).
   */
  savePartial(sessionId: string, stepIndex: number, from: number, piece: string): number | null {
    let length = piece.length;
    // Never split a surrogate pair between two pieces: each piece must be valid UTF-16.
    if (length > 0 && isHighSurrogate(piece.charCodeAt(length - 1))) length--;
    if (length === 0) return from;
    if (this.pending.some((p) => p.sessionId === sessionId)) return null;
    try {
      withBusyTimeout(this.db, Math.min(this.writeWaitMs, 25), () =>
        this.db
          .transaction(() => {
            // A save from 0 starts a new stream of the step; a later one replaces any piece at or after its start.
            cachedStatement(this.db, 'DELETE FROM session_streams WHERE session_id = ? AND step_index = ? AND start >= ?').run(sessionId, stepIndex, from);
            cachedStatement(this.db, 'INSERT INTO session_streams (session_id, step_index, start, piece) VALUES (?, ?, ?, ?)').run(
              sessionId,
              stepIndex,
              from,
              // Same length, so the pieces' offsets still add up.
              scrubSecrets(length === piece.length ? piece : piece.slice(0, length), { keepLength: true }),
            );
          })
          .immediate(),
      );
      return from + length;
    } catch (err) {
      if (isBusy(err)) return null;
      throw err;
    }
  }

  get(id: string): SessionRow | null {
    const r = cachedStatement(this.db, 'SELECT * FROM sessions WHERE id = ?').get(id) as RawRow | undefined;
    const kept = r ? null : this.pending.find((p) => p.sessionId === id && p.row)?.row;
    if (!r && !kept) return null;
    return this.withPending(r ? toRow(r) : { ...kept! });
  }

  /** A row as it will be once the kept events are written. */
  private withPending(row: SessionRow): SessionRow {
    for (const p of this.pending) {
      if (p.sessionId !== row.id || !p.event) continue;
      row.updatedAt = p.event.at;
      if (p.event.type === 'status') row.status = (p.event.payload as SessionEventMap['status']).status;
    }
    return row;
  }

  /** Every event of the session in order (including any still waiting to be written). */
  events(sessionId: string): StoredEvent[] {
    return [...this.eventsAfter(sessionId, 0), ...this.keptEvents(sessionId, 0)];
  }

  /** Worked steps with pieces saved and no closing event yet (a stream running, or cut off by a crash). */
  openStreams(sessionId: string): OpenStream[] {
    const rows = cachedStatement(this.db, 'SELECT step_index, start, piece FROM session_streams WHERE session_id = ? ORDER BY step_index, start').all(sessionId) as {
      step_index: number;
      start: number;
      piece: string;
    }[];
    const out: OpenStream[] = [];
    let parts: string[] = [];
    let step = -1;
    let length = 0;
    // Scrubbed whole as well: a key split between two saved pieces is caught here.
    const close = () => step >= 0 && out.push({ stepIndex: step, text: scrubSecrets(parts.join('')) });
    for (const r of rows) {
      if (r.step_index !== step) {
        close();
        step = r.step_index;
        parts = [];
        length = 0;
      }
      // Pieces are contiguous (a save deletes any piece at or after its start); a gap means a damaged row: stop there.
      if (r.start !== length) continue;
      parts.push(r.piece);
      length += r.piece.length;
    }
    close();
    return out;
  }

  /**
   * The session's state: the cached fold plus the events appended since, then its open
   * streams. Equal to `rebuildSession(get(id), events(id), lookup, openStreams(id))`; the
   * caller gets its own copy.
   */
  state(id: string, lookup: TemplateLookup): SessionState | null {
    const row = this.get(id);
    if (!row) {
      this.cache.delete(id);
      return null;
    }
    let entry = this.cache.get(id);
    if (entry) this.cache.delete(id);
    if (!entry || entry.createdAt !== row.createdAt) entry = { createdAt: row.createdAt, lastSeq: 0, state: emptySessionState(row) };
    const fresh = [...this.eventsAfter(id, entry.lastSeq), ...this.keptEvents(id, entry.lastSeq)];
    for (const e of fresh) {
      applyEvent(entry.state, e, lookup);
      entry.lastSeq = e.seq;
    }
    entry.state.view.updatedAt = row.updatedAt;
    entry.state.view.status = row.status;
    this.cache.set(id, entry);
    while (this.cache.size > this.cachedSessions) this.cache.delete(this.cache.keys().next().value!);

    const copy = copyState(entry.state);
    // Template cards are looked up now, as a rebuild would: a pack may have changed since.
    for (const s of copy.view.steps) s.template = s.templateId ? lookup(s.templateId) : null;
    applyOpenStreams(copy, this.openStreams(id), lookup);
    return copy;
  }

  list(limit: number): SessionRow[] {
    const rows = (cachedStatement(this.db, 'SELECT * FROM sessions ORDER BY updated_at DESC, created_at DESC LIMIT ?').all(limit) as RawRow[]).map(toRow);
    if (!this.pending.length) return rows;
    const all = [...rows, ...this.pending.flatMap((p) => (p.row ? [{ ...p.row }] : []))].map((r) => this.withPending(r));
    all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.createdAt.localeCompare(a.createdAt));
    return all.slice(0, limit);
  }

  /** The newest session of a practice problem still being worked (planning or active), if any. */
  openForPractice(practiceId: string): string | null {
    const kept = this.pending.filter((p) => p.row?.practiceId === practiceId).map((p) => this.withPending({ ...p.row! }));
    const r = cachedStatement(this.db, "SELECT * FROM sessions WHERE practice_id = ? ORDER BY updated_at DESC, created_at DESC").all(practiceId) as RawRow[];
    const rows = [...kept, ...r.map((x) => this.withPending(toRow(x)))].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    return rows.find((x) => x.status === 'planning' || x.status === 'active')?.id ?? null;
  }

  delete(id: string): boolean {
    this.cache.delete(id);
    const deleted = this.db.prepare('DELETE FROM sessions WHERE id = ?').run(id).changes > 0;
    this.pending = this.pending.filter((p) => p.sessionId !== id);
    return deleted;
  }

  /** Events kept in memory because the database was locked. */
  get pendingCount(): number {
    return this.pending.length;
  }

  /**
   * Write the events kept for later, waiting up to `waitMs` for the lock. Returns true when
   * nothing is left waiting. Called on a timer while events wait, and before closing.
   */
  flush(waitMs = 0): boolean {
    this.flushNow(waitMs);
    return this.pending.length === 0;
  }

  // ---- internals -----------------------------------------------------------------------

  private insertRow(r: SessionRow): void {
    cachedStatement(this.db, 'INSERT INTO sessions (id, problem, practice_id, created_at, updated_at, status) VALUES (?, ?, ?, ?, ?, ?)').run(
      r.id,
      r.problem,
      r.practiceId,
      r.createdAt,
      r.updatedAt,
      r.status,
    );
  }

  private keptEvents(sessionId: string, afterSeq: number): StoredEvent[] {
    return this.pending.flatMap((p) => (p.event && p.sessionId === sessionId && p.event.seq > afterSeq ? [p.event] : []));
  }

  private write(sessionId: string, event: StoredEvent): void {
    const { seq, type, payload, at } = event;
    // Pieces first: the pages they free hold the closing event, so the file does not grow twice.
    if (type === 'rung' && (payload as SessionEventMap['rung']).rung === 'instantiation') {
      cachedStatement(this.db, 'DELETE FROM session_streams WHERE session_id = ? AND step_index = ?').run(sessionId, (payload as SessionEventMap['rung']).stepIndex);
    } else if (type === 'plan') {
      cachedStatement(this.db, 'DELETE FROM session_streams WHERE session_id = ? AND step_index >= ?').run(sessionId, (payload as SessionEventMap['plan']).keepFrom);
    }
    cachedStatement(this.db, 'INSERT INTO session_events (session_id, seq, type, payload, at) VALUES (?, ?, ?, ?, ?)').run(sessionId, seq, type, JSON.stringify(payload), at);
    if (type === 'status') {
      cachedStatement(this.db, 'UPDATE sessions SET updated_at = ?, status = ? WHERE id = ?').run(at, (payload as SessionEventMap['status']).status, sessionId);
    } else {
      cachedStatement(this.db, 'UPDATE sessions SET updated_at = ? WHERE id = ?').run(at, sessionId);
    }
  }

  private dbNextSeq(sessionId: string): number {
    return (cachedStatement(this.db, 'SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM session_events WHERE session_id = ?').get(sessionId) as { next: number }).next;
  }

  private nextSeq(sessionId: string): number {
    let next = this.dbNextSeq(sessionId);
    for (const e of this.keptEvents(sessionId, 0)) if (e.seq >= next) next = e.seq + 1;
    return next;
  }

  private eventsAfter(sessionId: string, seq: number): StoredEvent[] {
    const rows = cachedStatement(this.db, 'SELECT seq, type, payload, at FROM session_events WHERE session_id = ? AND seq > ? ORDER BY seq').all(sessionId, seq) as {
      seq: number;
      type: SessionEventType;
      payload: string;
      at: string;
    }[];
    return rows.map((r) => ({ seq: r.seq, type: r.type, payload: JSON.parse(r.payload) as SessionEventMap[SessionEventType], at: r.at }));
  }

  private keep(write: PendingWrite): PendingWrite {
    this.pending.push(write);
    this.scheduleFlush();
    return write;
  }

  private scheduleFlush(): void {
    if (this.flushTimer || !this.pending.length) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      if (!this.db.open) return;
      if (this.flushNow(0)) this.flushDelay = FLUSH_FIRST_DELAY_MS;
      else this.flushDelay = Math.min(FLUSH_MAX_DELAY_MS, this.flushDelay * 2);
      this.scheduleFlush();
    }, this.flushDelay);
    this.flushTimer.unref?.();
  }

  /** One attempt at writing every kept event, in order, in one transaction. */
  private flushNow(waitMs: number): boolean {
    if (!this.pending.length) return true;
    if (!this.db.open) return false;
    const batch = this.pending;
    try {
      withBusyTimeout(this.db, waitMs, () =>
        this.db
          .transaction(() => {
            for (const p of batch) {
              try {
                if (p.row) this.insertRow(p.row);
                else this.write(p.sessionId, p.event);
              } catch (err) {
                // The session was deleted meanwhile (foreign key): its events go with it.
                if (isBusy(err) || !String((err as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT')) throw err;
              }
            }
          })
          .immediate(),
      );
    } catch (err) {
      if (isBusy(err)) return false;
      throw err;
    }
    this.pending = this.pending.slice(batch.length);
    if (!this.pending.length && this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    return true;
  }
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
