import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, ko, type MessageKey } from './messages';

export type Lang = 'ko' | 'en';
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const STORAGE_KEY = 'lang';

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const template: string = (lang === 'en' ? en[key] : undefined) ?? ko[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

interface I18nValue {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

function initialLang(): Lang {
  try {
    // Only the language preference is kept in storage (never tokens).
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'ko') return saved;
  } catch {
    /* storage blocked */
  }
  return 'ko';
}

export function I18nProvider({ children, lang: forced }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(forced ?? initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* storage blocked */
    }
  }, []);
  const t = useCallback<Translate>((key, vars) => translate(lang, key, vars), [lang]);
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

export function LanguageSwitch({ className }: { className?: string }) {
  const { lang, setLang, t } = useI18n();
  return (
    // The visible name (the other language, in that language) starts the accessible name, so voice control
    // users can say what they see (WCAG 2.5.3); the purpose follows for screen readers.
    <button type="button" className={className ?? 'link-button'} onClick={() => setLang(lang === 'ko' ? 'en' : 'ko')}>
      <span lang={lang === 'ko' ? 'en' : 'ko'}>{t('lang.switch')}</span>
      <span className="sr-only"> ({t('lang.label')})</span>
    </button>
  );
}
