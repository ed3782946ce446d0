import { expect, test } from '@playwright/test';
import { shot, signUp } from './helpers';

test('notification settings: marketing consent is off for a new user, is saved, and night ads need it', async ({ page }) => {
  await signUp(page);
  await page.getByRole('link', { name: '나의 당근' }).click();
  await page.getByRole('link', { name: '알림 설정 ›' }).click();
  const marketing = page.getByRole('switch', { name: /마케팅 정보 수신 동의/ });
  const night = page.getByRole('switch', { name: /야간/ });
  await expect(marketing).not.toBeChecked();
  await expect(night).toBeDisabled();

  const put = () =>
    page.waitForResponse((r) => r.url().endsWith('/api/me/notification-settings') && r.request().method() === 'PUT');
  let saved = put();
  await marketing.check();
  expect((await saved).ok()).toBe(true);
  await expect(page.getByRole('status').filter({ hasText: '저장했어요' })).toBeVisible();
  await expect(night).toBeEnabled();
  await shot(page, '60-settings-marketing-on');
  // Saved on the server: a fresh load shows it.
  await page.reload();
  await expect(page.getByRole('switch', { name: /마케팅 정보 수신 동의/ })).toBeChecked();

  saved = put();
  await page.getByRole('switch', { name: /마케팅 정보 수신 동의/ }).uncheck();
  expect((await saved).ok()).toBe(true);
  await expect(page.getByRole('switch', { name: /야간/ })).toBeDisabled();
  await page.reload();
  await expect(page.getByRole('switch', { name: /마케팅 정보 수신 동의/ })).not.toBeChecked();
});
