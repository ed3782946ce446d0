import type { Translate } from '../i18n';

// Making an Intl formatter (which toLocaleString() and friends do on every call) costs far more than using one,
// and the first one of a locale costs most: on the feed's first render `new Intl.NumberFormat('ko-KR')` per price
// was the single most expensive function (0.2–0.4 s of main thread on this machine, more on a phone). Dates: one
// formatter of each kind, made on first use and kept, in the browser's locale as toLocale*String() without
// arguments. Prices need no Intl at all (below).
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(kind: 'date' | 'time' | 'dateTime'): Intl.DateTimeFormat {
  let f = dateFormats.get(kind);
  if (!f) {
    // the same fields as toLocaleDateString(), toLocaleTimeString([], { hour, minute }) and toLocaleString()
    const day = { year: 'numeric', month: 'numeric', day: 'numeric' } as const;
    const options: Intl.DateTimeFormatOptions =
      kind === 'date'
        ? day
        : kind === 'time'
          ? { hour: '2-digit', minute: '2-digit' }
          : { ...day, hour: 'numeric', minute: 'numeric', second: 'numeric' };
    f = new Intl.DateTimeFormat(undefined, options);
    dateFormats.set(kind, f);
  }
  return f;
}

/** A date (no time) in the browser's locale. */
export function formatDate(at: string | number | Date): string {
  return dateFormat('date').format(new Date(at));
}

/** Hours and minutes in the browser's locale. */
export function formatTime(at: string | number | Date): string {
  return dateFormat('time').format(new Date(at));
}

/** Date and time in the browser's locale. */
export function formatDateTime(at: string | number | Date): string {
  return dateFormat('dateTime').format(new Date(at));
}

/** KRW price for display: 0 reads 나눔 (free); others use thousands separators. */
export function formatPrice(price: number, t: Translate): string {
  if (price === 0) return t('price.free');
  return t('price.won', { n: groupThousands(price) });
}

/** 1234567 → "1,234,567", as Intl.NumberFormat('ko-KR') writes whole numbers, without its cost on the feed. */
export function groupThousands(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "3분 전"-style relative time, switching to a date after a week. */
export function timeAgo(iso: string, t: Translate, now: number = Date.now()): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return '';
  const sec = Math.max(0, Math.floor((now - then) / 1000));
  if (sec < 60) return t('time.now');
  const min = Math.floor(sec / 60);
  if (min < 60) return t('time.min', { n: min });
  const h = Math.floor(min / 60);
  if (h < 24) return t('time.hour', { n: h });
  const d = Math.floor(h / 24);
  if (d < 7) return t('time.day', { n: d });
  return formatDate(then);
}

/** Manner temperature colour bands like Karrot's (cold blue … hot orange). */
export function mannerClass(temp: number): string {
  if (temp < 30) return 'temp-cold';
  if (temp < 36.5) return 'temp-cool';
  if (temp < 40) return 'temp-warm';
  return 'temp-hot';
}

export function parsePriceInput(v: string): number | null {
  const digits = v.replace(/[^\d]/g, '');
  if (!digits) return null;
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : null;
}

export function newClientMsgId(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
