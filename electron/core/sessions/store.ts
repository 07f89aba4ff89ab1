/** Sessions in SQLite: one row per session plus its append-only event log. */
import type Database from 'better-sqlite3';
import type { SessionStatus } from '../../../shared/tutor.js';
import type { SessionEventMap, SessionEventType, StoredEvent } from './events.js';

export interface SessionRow {
  id: string;
  problem: string;
  practiceId: string | null;
  createdAt: string;
  updatedAt: string;
  status: SessionStatus;
}

interface RawRow {
  id: string;
  problem: string;
  practice_id: string | null;
  created_at: string;
  updated_at: string;
  status: SessionStatus;
}

const toRow = (r: RawRow): SessionRow => ({ id: r.id, problem: r.problem, practiceId: r.practice_id, createdAt: r.created_at, updatedAt: r.updated_at, status: r.status });

export class SessionStore {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  create(id: string, problem: string, practiceId: string | null): SessionRow {
    const at = this.now().toISOString();
    this.db
      .prepare('INSERT INTO sessions (id, problem, practice_id, created_at, updated_at, status) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, problem, practiceId, at, at, 'planning');
    return { id, problem, practiceId, createdAt: at, updatedAt: at, status: 'planning' };
  }

  /** Append one event; written at once so a crash loses nothing already shown. */
  append<T extends SessionEventType>(sessionId: string, type: T, payload: SessionEventMap[T]): StoredEvent<T> {
    const at = this.now().toISOString();
    return this.db.transaction(() => {
      const { next } = this.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM session_events WHERE session_id = ?').get(sessionId) as { next: number };
      this.db.prepare('INSERT INTO session_events (session_id, seq, type, payload, at) VALUES (?, ?, ?, ?, ?)').run(sessionId, next, type, JSON.stringify(payload), at);
      if (type === 'status') {
        this.db.prepare('UPDATE sessions SET updated_at = ?, status = ? WHERE id = ?').run(at, (payload as SessionEventMap['status']).status, sessionId);
      } else {
        this.db.prepare('UPDATE sessions SET updated_at = ? WHERE id = ?').run(at, sessionId);
      }
      return { seq: next, type, payload, at };
    })();
  }

  get(id: string): SessionRow | null {
    const r = this.db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as RawRow | undefined;
    return r ? toRow(r) : null;
  }

  events(sessionId: string): StoredEvent[] {
    const rows = this.db.prepare('SELECT seq, type, payload, at FROM session_events WHERE session_id = ? ORDER BY seq').all(sessionId) as {
      seq: number;
      type: SessionEventType;
      payload: string;
      at: string;
    }[];
    return rows.map((r) => ({ seq: r.seq, type: r.type, payload: JSON.parse(r.payload) as SessionEventMap[SessionEventType], at: r.at }));
  }

  list(limit: number): SessionRow[] {
    return (this.db.prepare('SELECT * FROM sessions ORDER BY updated_at DESC, created_at DESC LIMIT ?').all(limit) as RawRow[]).map(toRow);
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM sessions WHERE id = ?').run(id).changes > 0;
  }
}
