// Chinese first, English switchable: each area (citizens, board, staff) brings its own messages,
// merged over the common ones; the choice is kept on the device and sets the page's `lang`.
import { createI18n, type I18n } from 'vue-i18n';
import { setNetworkMessage } from './api';
import { common } from './messages';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: Locale[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'suqiu.locale';

export type Messages = Record<string, unknown>;
export interface AreaMessages {
  'zh-CN': Messages;
  en: Messages;
}

let active: I18n<Record<Locale, Messages>, Record<string, never>, Record<string, never>, Locale, false> | undefined;

function stored(): Locale {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function currentLocale(): Locale {
  return active === undefined ? stored() : (active.global.locale.value as Locale);
}

export function createSuqiuI18n(area: AreaMessages) {
  const locale = stored();
  const i18n = createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: {
      'zh-CN': { ...common['zh-CN'], ...area['zh-CN'] },
      en: { ...common.en, ...area.en },
    },
  });
  active = i18n as typeof active;
  document.documentElement.lang = locale;
  setNetworkMessage(() => i18n.global.t('common.networkError'));
  return i18n;
}

export function setLocale(locale: Locale): void {
  if (active === undefined) return;
  active.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // private mode: the choice lasts for this page only
  }
}
