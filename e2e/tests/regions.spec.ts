import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { RUN, USERS, login, shot, signUp } from './helpers';

// 동네: a newcomer finds their 동 by name, proves being there with the browser's position (faked here: 역삼2동's point
// plus ~200 m) and lists something; alice, one 동 away in 역삼1동, sees it within her range and not with "내 동네만".
test.describe.serial('동네: verify, list, and see a neighbour 동 in range', () => {
  const title = `이웃 동네 화분 ${RUN}`;
  let newcomer: { context: BrowserContext; page: Page };

  test('a newcomer picks 역삼2동, verifies it by position and lists an item', async ({ browser }) => {
    const context = await browser.newContext({
      geolocation: { latitude: 37.4999, longitude: 127.0449 },
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    newcomer = { context, page };
    await signUp(page);
    // no 동네 yet: the sell form says to verify first
    await page.getByRole('link', { name: '글쓰기' }).click();
    await expect(page.getByText('동네 인증을 해야 물건을 올릴 수 있어요.')).toBeVisible();

    await page.getByRole('link', { name: '나의 당근' }).click();
    await page.getByLabel('동네 이름으로 찾기').fill('역삼2');
    await page.getByRole('button', { name: '서울특별시 강남구 역삼2동' }).click();
    await expect(page.getByText('미인증')).toBeVisible();
    await shot(page, '60-region-chosen');
    await page.getByRole('button', { name: '동네 인증하기' }).click();
    await expect(page.getByRole('status').filter({ hasText: '역삼2동 동네 인증을 마쳤어요' })).toBeVisible();
    await expect(page.getByText('✓ 동네 인증')).toBeVisible();
    await shot(page, '61-region-verified');

    await page.getByRole('link', { name: '글쓰기' }).click();
    await expect(page.locator('.sell-region')).toContainText('역삼2동');
    await page.getByLabel('제목').fill(title);
    await page.getByLabel('카테고리').selectOption({ label: '식물' });
    await page.getByLabel('가격 (원)').fill('5000');
    await page.getByLabel('자세한 설명').fill('잘 키운 몬스테라예요.');
    await page.getByRole('button', { name: '작성 완료' }).click();
    await expect(page).toHaveURL(/\/products\/\d+$/, { timeout: 30_000 });
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
  });

  test('alice in 역삼1동 sees it within 근처 동네 and not with 내 동네만', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, USERS.alice);
    await expect(page.getByRole('button', { name: '내 동네: 역삼1동' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('button', { name: '근처 동네' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('link', { name: new RegExp(title) })).toBeVisible();
    await shot(page, '62-alice-range-feed');
    await page.getByRole('button', { name: '내 동네만' }).click();
    await expect(page.getByRole('button', { name: '내 동네만' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('link', { name: new RegExp(title) })).toHaveCount(0);
    await context.close();
    await newcomer.context.close();
  });
});
