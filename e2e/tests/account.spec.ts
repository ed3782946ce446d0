import { expect, test, type Page } from '@playwright/test';
import { RUN, pngPhoto, shot, signUp } from './helpers';

// The browser's position (faked): 역삼2동, where the newcomer verifies their 동네 before listing.
test.use({ geolocation: { latitude: 37.4999, longitude: 127.0449 }, permissions: ['geolocation'] });

// 탈퇴: a new neighbour signs up, lists something, deletes the account from the settings page; afterwards the
// listing is gone for everyone and the account cannot sign in.
test('a new user lists something, deletes the account, and nothing of it is left', async ({ page, browser }) => {
  const name = await signUp(page);
  const title = `탈퇴 전 의자 ${RUN}`;
  await page.getByRole('link', { name: '나의 당근' }).click();
  await page.getByLabel('동네 이름으로 찾기').fill('역삼2');
  await page.getByRole('button', { name: '서울특별시 강남구 역삼2동' }).click();
  await page.getByRole('button', { name: '동네 인증하기' }).click();
  await expect(page.getByText('✓ 동네 인증')).toBeVisible();
  await page.getByRole('link', { name: '글쓰기' }).click();
  await expect(page.getByRole('heading', { name: '내 물건 팔기' })).toBeVisible();
  await page.getByLabel('사진 추가').setInputFiles({ name: 'chair.png', mimeType: 'image/png', buffer: pngPhoto() });
  await expect(page.getByRole('img', { name: 'chair.png' })).toBeVisible();
  await page.getByLabel('제목').fill(title);
  await page.getByLabel('카테고리').selectOption({ label: '가구/인테리어' });
  await page.getByLabel('가격 (원)').fill('5000');
  await page.getByLabel('자세한 설명').fill('이사 가기 전에 정리해요.');
  await page.getByRole('button', { name: '작성 완료' }).click();
  await expect(page).toHaveURL(/\/products\/\d+$/, { timeout: 30_000 });
  const productPath = new URL(page.url()).pathname;
  await expect(page.getByRole('heading', { name: title })).toBeVisible();

  // a listing's page has its own bottom bar (like, price, chat), not the tab bar: back home first
  await page.getByRole('link', { name: '땅근마켓' }).click();
  await page.getByRole('link', { name: '나의 당근' }).click();
  await page.getByRole('link', { name: '알림 설정 ›' }).click();
  await page.getByRole('button', { name: '탈퇴하기' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('되돌릴 수 없어요');
  const confirm = dialog.getByRole('button', { name: '계정 영구 삭제' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('확인을 위해 "탈퇴"를 입력해 주세요').fill('탈퇴');
  await shot(page, '80-account-delete-confirm');
  const deleted = page.waitForResponse((r) => r.url().endsWith('/api/me') && r.request().method() === 'DELETE');
  await confirm.click();
  expect((await deleted).status()).toBe(204);

  // signed out, on the home page
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('button', { name: '로그인' })).toBeVisible();
  await shot(page, '81-account-deleted-home');

  // the listing is gone, for a visitor who never knew the account too
  const visitor = await browser.newPage();
  const detail = await visitor.request.get(`/api${productPath}`);
  expect(detail.status()).toBe(404);
  await visitor.goto('/');
  await visitor.getByRole('searchbox').fill(title);
  await visitor.getByRole('button', { name: '검색', exact: true }).click();
  await expect(visitor.getByRole('link', { name: new RegExp(title) })).toHaveCount(0);
  await visitor.close();

  // the account cannot sign in any more
  await page.getByRole('button', { name: '로그인' }).click();
  await fillKeycloakFormExpectingFailure(page, name);
});

async function fillKeycloakFormExpectingFailure(page: Page, name: string) {
  await page.waitForURL(/\/auth\/realms\/market\//);
  await page.locator('#username').fill(name);
  await page.locator('#password').fill(`pw-${name}`);
  await page.locator('#kc-login').click();
  // Keycloak stays on its login form with an error; the SPA is not reached
  await expect(page.locator('#input-error, .kc-feedback-text, [id^="input-error"]').first()).toBeVisible();
  expect(new URL(page.url()).pathname.startsWith('/auth/')).toBe(true);
}
