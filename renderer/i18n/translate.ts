/**
 * `t(key, params)`: looks a message up in the active catalog, falls back to English, fills
 * `{name}` placeholders, and picks a plural form (`{ one, other }`) by `params.count`.
 */
import { create } from 'zustand';
import { type Message as CoreMessage, type MessageParams as CoreMessageParams, pickForm, fillPlaceholders, renderMessage } from '../../shared/messages.js';
import { messagesEn, type MessageKey, type Message } from './messages.en.js';
import { messagesZhCN } from './messages.zh-CN.js';

export type { MessageKey };
export type Locale = 'en' | 'zh-CN';
export const LOCALES: Locale[] = ['en', 'zh-CN'];

const catalogs: Record<Locale, Partial<Record<MessageKey, Message>>> = {
  en: messagesEn,
  'zh-CN': messagesZhCN,
};

export type MessageParams = Record<string, string | number>;

const LOCALE_STORAGE_KEY = 'rf-locale';

function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    if (saved && (LOCALES as string[]).includes(saved)) return saved as Locale;
  } catch {
    // Storage can be unavailable (privacy settings); English is the safe default.
  }
  return 'en';
}

/** The active locale lives in a store so components re-render when it changes. */
export const useLocaleStore = create<{ locale: Locale; setLocale(locale: Locale): void }>((set) => ({
  locale: initialLocale(),
  setLocale(locale) {
    try {
      globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
    } catch {
      // Not persisted; the choice still applies for this session.
    }
    if (globalThis.document) document.documentElement.lang = locale;
    set({ locale });
  },
}));

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const message = catalogs[locale][key] ?? messagesEn[key];
  return fillPlaceholders(pickForm(message, locale, params), params, String);
}

export function t(key: MessageKey, params?: MessageParams): string {
  return translate(useLocaleStore.getState().locale, key, params);
}

/** Subscribes the calling component to locale changes; returns `t`. */
export function useT(): typeof t {
  useLocaleStore((s) => s.locale);
  return t;
}

const has = (catalog: object, code: string) => Object.prototype.hasOwnProperty.call(catalog, code);

/**
 * A message from the core (a code and parameters) in the given language, English when the
 * language lacks it; a code no catalog knows shows its stored text (older or newer cores).
 */
export function translateMessage(locale: Locale, message: CoreMessage): string {
  const catalog = catalogs[locale] as Record<string, Message | undefined>;
  const lookup = (code: string): Message | undefined => (has(catalog, code) ? catalog[code] : has(messagesEn, code) ? (messagesEn as Record<string, Message>)[code] : undefined);
  return renderMessage(message, lookup, locale);
}

/** A core message in the active language. */
export function tm(message: CoreMessage): string {
  return translateMessage(useLocaleStore.getState().locale, message);
}

/** Subscribes the calling component to locale changes; returns `tm`. */
export function useTm(): typeof tm {
  useLocaleStore((s) => s.locale);
  return tm;
}

export type { CoreMessage, CoreMessageParams };
