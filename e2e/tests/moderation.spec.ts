import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { RUN, USERS, expectAccessible, newUserPage, re, shot } from './helpers';

// Issue 17 §4: bob reports alice's listing → an admin hides it in the console → bob's inbox tells him the
// outcome, and the listing is gone from the feed for everyone but alice.
test.describe.serial('report → moderation → outcome', () => {
  const title = `새 아이폰 반값에 팝니다 ${RUN}`;
  let alice: { context: BrowserContext; page: Page };
  let bob: { context: BrowserContext; page: Page };
  let admin: { context: BrowserContext; page: Page };
  let productPath = '';

  test.afterAll(async () => {
    await alice?.context.close();
    await bob?.context.close();
    await admin?.context.close();
  });

  test('a listing with a prohibited word is refused; alice lists a phone', async ({ browser }) => {
    alice = await newUserPage(browser, USERS.alice);
    const page = alice.page;
    await page.getByRole('link', { name: '글쓰기' }).click();
    await page.getByLabel('제목').fill(`전자 담배 팝니다 ${RUN}`);
    await page.getByLabel('카테고리').selectOption({ label: '디지털기기' });
    await page.getByLabel('가격 (원)').fill('300000');
    await page.getByLabel('자세한 설명').fill('미개봉 새 제품이에요. 선입금 후 택배 거래만 해요.');
    await page.getByRole('button', { name: '작성 완료' }).click();
    await expect(page.getByText('판매할 수 없는 물품이에요: 담배').first()).toBeVisible();
    await shot(page, '70-alice-prohibited');

    await page.getByLabel('제목').fill(title);
    await page.getByRole('button', { name: '작성 완료' }).click();
    await expect(page).toHaveURL(/\/products\/\d+$/, { timeout: 30_000 });
    productPath = new URL(page.url()).pathname;
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
  });

  test('bob reports it as fraud', async ({ browser }) => {
    bob = await newUserPage(browser, USERS.bob, productPath);
    const page = bob.page;
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
    await page.getByRole('button', { name: '신고하기: 게시글' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('사기가 의심돼요').check();
    await dialog.getByLabel('자세한 내용 (선택)').fill(`시세보다 너무 싸고 선입금만 받아요 ${RUN}`);
    await dialog.getByRole('button', { name: '신고 보내기' }).click();
    await expect(dialog.getByText(/신고가 접수됐어요/)).toBeVisible();
    await expectAccessible(page, 'the report dialog');
    await shot(page, '71-bob-reported');
    await dialog.getByRole('button', { name: '닫기' }).click();
  });

  test('an admin hides it from the moderation queue', async ({ browser }) => {
    admin = await newUserPage(browser, USERS.admin);
    const page = admin.page;
    await page.getByRole('link', { name: '관리자' }).click();
    await expect(page.getByRole('heading', { name: '관리자 콘솔' })).toBeVisible();
    await expect(page.getByRole('tab', { name: '신고 관리' })).toHaveAttribute('aria-selected', 'true');
    const report = page.getByRole('listitem', { name: re(title) }).first();
    await expect(report).toBeVisible();
    await expect(report).toContainText('사기가 의심돼요');
    await expectAccessible(page, 'the admin console (reports)');
    await report.getByPlaceholder('메모 (선택)').fill('선입금 사기 의심');
    await report.getByRole('button', { name: '게시글 숨기기' }).click();
    await expect(page.getByRole('listitem', { name: re(title) })).toHaveCount(0);
    await shot(page, '72-admin-hid');

    await page.getByRole('tab', { name: '조치 기록' }).click();
    await expect(page.getByRole('row', { name: /게시글 숨기기/ }).first()).toBeVisible();
  });

  test("bob's inbox tells him the outcome, and the listing is gone for him", async () => {
    const page = bob.page;
    await page.getByRole('link', { name: /^(안 읽은 )?알림( \d+)?$/ }).click();
    await expect(page.getByText(/신고하신 게시글.*게시글을 숨겼어요/).first()).toBeVisible({ timeout: 30_000 });
    await shot(page, '73-bob-inbox');

    await page.goto(productPath);
    await expect(page.getByRole('heading', { name: title })).toHaveCount(0);
    await page.goto('/');
    await page.getByRole('searchbox').fill(title);
    await page.getByRole('button', { name: '검색', exact: true }).click();
    const all = page.getByRole('button', { name: '전체 동네' });
    if ((await all.getAttribute('aria-pressed')) !== 'true') await all.click();
    await expect(page.getByRole('link', { name: re(title) })).toHaveCount(0);
  });

  test('alice still sees it, marked hidden', async () => {
    const page = alice.page;
    await page.goto(productPath);
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
    await expect(page.getByText(/운영정책 위반으로 숨겨진 게시글이에요/)).toBeVisible();
    await shot(page, '74-alice-hidden');
  });
});
