/**
 * The tutor's words for the learner as coded messages (shared/messages.ts): the parameters a
 * message carries (a step title, a model's reason, a judge's feedback) are screened like every
 * other text before they are stored, and an AppError's words are carried over with their codes.
 */
import { type Message, type MessageParams, textMessage } from '../../../shared/messages.js';
import { type AppError, errorAction, errorMessage } from '../../../shared/result.js';
import type { SessionNotice } from '../../../shared/tutor.js';
import { screenText, type ScreenContext } from './leak.js';

/** The message with every text parameter (nested ones too) screened for the final answer. */
export function screenMessage(m: Message, screen: ScreenContext): Message {
  if (!m.params) return m;
  const params: MessageParams = {};
  for (const [name, p] of Object.entries(m.params)) {
    params[name] = typeof p === 'string' ? screenText(p, screen).redacted : typeof p === 'number' ? p : screenMessage(p, screen);
  }
  return { code: m.code, params };
}

/** What an AppError says and what to do, as messages (its English text when it had no code). */
export function errorWords(e: AppError): { message: Message; action?: Message } {
  const action = errorAction(e) ?? (e.action ? textMessage(e.action) : null);
  return { message: errorMessage(e) ?? textMessage(e.message), ...(action ? { action } : {}) };
}

/** A session notice of kind `code` from an AppError's words. */
export function errorNotice(code: string, e: AppError): SessionNotice {
  return { code, ...errorWords(e) };
}
