import { describe, expect, it } from 'vitest';
import { translate } from '../i18n';
import { formatPrice, parsePriceInput, timeAgo } from './format';

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

describe('timeAgo', () => {
  const now = Date.parse('2026-11-26T10:00:00Z');
  it('speaks Korean relative time', () => {
    expect(timeAgo('2026-11-26T09:59:30Z', ko, now)).toBe('방금 전');
    expect(timeAgo('2026-11-26T09:57:00Z', ko, now)).toBe('3분 전');
    expect(timeAgo('2026-11-26T07:00:00Z', ko, now)).toBe('3시간 전');
    expect(timeAgo('2026-11-24T10:00:00Z', en, now)).toBe('2 d ago');
  });
});

describe('parsePriceInput', () => {
  it('keeps digits only', () => {
    expect(parsePriceInput('12,000원')).toBe(12000);
    expect(parsePriceInput('')).toBeNull();
  });
});
