import type { Translate } from '../i18n';

/** KRW price for display: 0 reads 나눔 (free); others use thousands separators. */
export function formatPrice(price: number, t: Translate): string {
  if (price === 0) return t('price.free');
  return t('price.won', { n: new Intl.NumberFormat('ko-KR').format(price) });
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
  return new Date(iso).toLocaleDateString();
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
