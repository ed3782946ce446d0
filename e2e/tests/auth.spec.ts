import { expect, test } from '@playwright/test';
import { USERS, expectAccessible, fillKeycloakForm, login, shot, signUp } from './helpers';

test.describe('browsing and signing in', () => {
  test('anonymous visitor sees the feed in Korean, with categories, and can switch to English', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto('/');
    await expect(page.getByRole('search')).toBeVisible();
    await expect(page.getByRole('button', { name: '로그인' })).toBeVisible();
    await expect(page.getByRole('link', { name: '글쓰기' })).toBeVisible();
    await page.getByRole('button', { name: /필터/ }).click();
    await expect(page.getByLabel('카테고리').locator('option', { hasText: '디지털기기' })).toHaveCount(1);
    await shot(page, '01-feed-anonymous');
    await expectAccessible(page, 'the feed (anonymous, filters open)');

    await page.getByRole('button', { name: '언어 바꾸기' }).click();
    await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByRole('button', { name: 'Change language' }).click();
    await expect(page.getByRole('button', { name: '로그인' })).toBeVisible();
    // Failed API calls of services still being built are shown on the page, not thrown to the console.
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });

  test('alice signs in through Keycloak and out again', async ({ page }) => {
    await login(page, USERS.alice);
    await expect(page.getByRole('link', { name: /알림/ })).toBeVisible();
    await shot(page, '02-alice-signed-in');
    await page.getByRole('link', { name: '나의 당근' }).click();
    await expect(page.getByRole('heading', { name: '나의 당근' })).toBeVisible();
    await expect(page.getByLabel('닉네임')).toHaveValue(/.+/);
    await expectAccessible(page, '나의 당근');
    await page.getByRole('button', { name: '로그아웃' }).click();
    await expect(page.getByRole('button', { name: '로그인' })).toBeVisible();
  });

  test('a page that needs login sends the visitor to Keycloak and back', async ({ page }) => {
    await page.goto('/my');
    await fillKeycloakForm(page, USERS.bob);
    await expect(page).toHaveURL(/\/my$/);
    await expect(page.getByRole('heading', { name: '나의 당근' })).toBeVisible();
  });

  test('the session survives a reload (tokens in memory, silent sign-in) and no token is in web storage', async ({ page }) => {
    await login(page, USERS.alice);
    await page.reload();
    await expect(page.getByRole('button', { name: '로그아웃' })).toBeVisible();
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(stored).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  test('a non-admin cannot reach the admin console', async ({ page }) => {
    await login(page, USERS.bob);
    await expect(page.getByRole('link', { name: '관리자' })).toHaveCount(0);
    await page.goto('/admin');
    await expect(page.getByRole('heading', { name: '접근 권한이 없어요' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '관리자 콘솔' })).toHaveCount(0);
    await shot(page, '03-bob-admin-403');
  });

  test('admin sees the admin console', async ({ page }) => {
    await login(page, USERS.admin);
    await page.getByRole('link', { name: '관리자' }).click();
    await expect(page.getByRole('heading', { name: '관리자 콘솔' })).toBeVisible();
    // the console opens on the moderation queue; notices are one tab away
    await expect(page.getByRole('tab', { name: '신고 관리' })).toBeVisible();
    await page.getByRole('tab', { name: '공지/광고' }).click();
    await expect(page.getByLabel('제목')).toBeVisible();
  });
});

test('a new visitor signs up through Keycloak registration and comes back signed in', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: '회원가입' }).click();
  await expect(page.locator('#password-confirm')).toBeVisible();
  await shot(page, '04-signup-form');
  const name = await signUp(page);
  await page.getByRole('link', { name: '나의 당근' }).click();
  await expect(page.getByLabel('닉네임')).toHaveValue(name);
});
