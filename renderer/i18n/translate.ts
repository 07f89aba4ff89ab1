/**
 * `t(key, params)`: looks a message up in the active catalog, falls back to English, fills
 * `{name}` placeholders, and picks a plural form (`{ one, other }`) by `params.count`.
 */
import { create } from 'zustand';
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

function pick(message: Message, locale: Locale, params?: MessageParams): string {
  if (typeof message === 'string') return message;
  const count = Number(params?.count ?? 0);
  const form = new Intl.PluralRules(locale).select(count);
  return form === 'one' && message.one !== undefined ? message.one : message.other;
}

function interpolate(text: string, params?: MessageParams): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const message = catalogs[locale][key] ?? messagesEn[key];
  return interpolate(pick(message, locale, params), params);
}

export function t(key: MessageKey, params?: MessageParams): string {
  return translate(useLocaleStore.getState().locale, key, params);
}

/** Subscribes the calling component to locale changes; returns `t`. */
export function useT(): typeof t {
  useLocaleStore((s) => s.locale);
  return t;
}
