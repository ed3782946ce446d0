import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nProvider, LanguageSwitch, translate, useI18n } from '.';
import { en, ko } from './messages';

function Probe() {
  const { t } = useI18n();
  return <p>{t('nav.sell')}</p>;
}

describe('i18n', () => {
  it('is Korean by default and switches to English and back, remembering the choice', async () => {
    render(
      <I18nProvider>
        <Probe />
        <LanguageSwitch />
      </I18nProvider>,
    );
    expect(screen.getByText('글쓰기')).toBeTruthy();
    expect(document.documentElement.lang).toBe('ko');
    await userEvent.click(screen.getByRole('button', { name: /언어 바꾸기/ }));
    expect(screen.getByText('Sell')).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('lang')).toBe('en');
    await userEvent.click(screen.getByRole('button', { name: /Change language/ }));
    expect(screen.getByText('글쓰기')).toBeTruthy();
  });

  it('fills variables and falls back to Korean for a missing English text', () => {
    expect(translate('ko', 'feed.myRegion', { region: '역삼동' })).toBe('내 동네: 역삼동');
    const missing = (Object.keys(ko) as (keyof typeof ko)[]).filter((k) => !(k in en));
    for (const k of missing) expect(translate('en', k)).toBe(ko[k]);
  });
});
