import { describe, expect, it } from 'vitest';
import { translate } from '../i18n';
import {
  formatDate,
  formatDateTime,
  formatPrice,
  formatTime,
  groupThousands,
  parsePriceInput,
  timeAgo,
} from './format';

const ko = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate('ko', k, v);
const en = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate('en', k, v);

describe('formatPrice', () => {
  it('reads 0 as 나눔 (Free in English)', () => {
    expect(formatPrice(0, ko)).toBe('나눔');
    expect(formatPrice(0, en)).toBe('Free');
  });
  it('groups thousands in won', () => {
    expect(formatPrice(15000, ko)).toBe('15,000원');
    expect(formatPrice(1000000000, en)).toBe('₩1,000,000,000');
  });
});

describe('groupThousands', () => {
  it('writes whole numbers as Intl.NumberFormat ko-KR does', () => {
    const intl = new Intl.NumberFormat('ko-KR');
    for (const n of [0, 7, 999, 1000, 15000, 123456, 1234567, 1000000000, Number.MAX_SAFE_INTEGER]) {
      expect(groupThousands(n)).toBe(intl.format(n));
    }
  });
});

describe('dates', () => {
  it('read as toLocale*String() reads them', () => {
    const at = '2026-11-02T08:05:09Z';
    expect(formatDate(at)).toBe(new Date(at).toLocaleDateString());
    expect(formatDateTime(at)).toBe(new Date(at).toLocaleString());
    expect(formatTime(at)).toBe(new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
  });
});

describe('timeAgo', () => {
  const now = Date.parse('2026-11-26T10:00:00Z');
  it('speaks Korean relative time', () => {
    expect(timeAgo('2026-11-26T09:59:30Z', ko, now)).toBe('방금 전');
    expect(timeAgo('2026-11-26T09:57:00Z', ko, now)).toBe('3분 전');
    expect(timeAgo('2026-11-26T07:00:00Z', ko, now)).toBe('3시간 전');
    expect(timeAgo('2026-11-24T10:00:00Z', en, now)).toBe('2 d ago');
  });
  it('gives the date after a week', () => {
    expect(timeAgo('2026-11-10T10:00:00Z', ko, now)).toBe(new Date('2026-11-10T10:00:00Z').toLocaleDateString());
  });
});

describe('parsePriceInput', () => {
  it('keeps digits only', () => {
    expect(parsePriceInput('12,000원')).toBe(12000);
    expect(parsePriceInput('')).toBeNull();
  });
});
