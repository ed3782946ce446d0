import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { RUN, USERS, newUserPage, shot } from './helpers';

// 가격 제안 (issue 17 §2): bob offers a price on alice's negotiable listing from the listing page, alice accepts it
// in the chat (reserving the listing for bob), both see the offer's state live, and the listing shows 예약중.
test.describe.serial('a price offer from the listing to 예약중', () => {
  const title = `네고 가능한 자전거 ${RUN}`;

  let alice: { context: BrowserContext; page: Page };
  let bob: { context: BrowserContext; page: Page };
  let productPath = '';
  let roomPath = '';

  test.afterAll(async () => {
    await alice?.context.close();
    await bob?.context.close();
  });

  test('alice lists an item that takes price offers', async ({ browser }) => {
    alice = await newUserPage(browser, USERS.alice);
    const page = alice.page;
    await page.getByRole('link', { name: '글쓰기' }).click();
    await expect(page.getByRole('heading', { name: '내 물건 팔기' })).toBeVisible();
    await page.getByLabel('제목').fill(title);
    await page.getByLabel('카테고리').selectOption({ label: '스포츠/레저' });
    await page.getByLabel('가격 (원)').fill('30000');
    await page.getByLabel('가격 제안 받기').check();
    // The 동네 field follows §1 of the issue (a region code); alice's verified 동네 in the seed data is 역삼1동.
    await page.getByLabel('자세한 설명').fill('거의 안 탄 자전거예요. 가격 제안 환영해요.');
    await page.getByRole('button', { name: '작성 완료' }).click();

    await expect(page).toHaveURL(/\/products\/\d+$/, { timeout: 30_000 });
    productPath = new URL(page.url()).pathname;
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
    // the seller offers nothing on their own listing
    await expect(page.getByRole('button', { name: '가격 제안하기' })).toHaveCount(0);
  });

  test('bob offers 25,000원 from the listing page and lands in the chat', async ({ browser }) => {
    bob = await newUserPage(browser, USERS.bob, productPath);
    const page = bob.page;
    await page.goto(productPath);
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
    await page.getByRole('button', { name: '가격 제안하기' }).click();
    await page.getByLabel('제안 금액 (원)').fill('25000');
    await page.getByRole('button', { name: '제안하기', exact: true }).click();

    await expect(page).toHaveURL(/\/chat\/\d+$/, { timeout: 30_000 });
    roomPath = new URL(page.url()).pathname;
    const offer = page.locator('.bubble.offer');
    await expect(offer).toContainText('25,000원');
    await expect(offer).toContainText('응답 대기 중');
    await expect(page.getByText(/연결 중|연결이 끊겼어요/)).toHaveCount(0);
    await shot(page, '60-bob-offered');
  });

  test('alice accepts in the chat; bob sees it live', async () => {
    const a = alice.page;
    await a.goto(roomPath);
    const offer = a.locator('.bubble.offer');
    await expect(offer).toContainText('25,000원');
    await expect(a.getByRole('checkbox', { name: '예약중으로 변경' })).toBeChecked();
    await shot(a, '61-alice-sees-offer');
    await a.getByRole('button', { name: '수락', exact: true }).click();
    await expect(offer).toContainText('수락됨');
    await expect(a.getByText('판매자가 25,000원 가격 제안을 수락했어요.')).toBeVisible();

    // Live: bob never reloads.
    const b = bob.page;
    await expect(b.locator('.bubble.offer')).toContainText('수락됨');
    await expect(b.getByText('판매자가 25,000원 가격 제안을 수락했어요.')).toBeVisible();
    await shot(b, '62-bob-sees-accepted');
  });

  test('the listing shows 예약중, and the state survives a reload', async () => {
    const b = bob.page;
    await b.reload();
    await expect(b.locator('.bubble.offer')).toContainText('수락됨');
    await b.goto(productPath);
    await expect(b.getByRole('heading', { name: title })).toContainText('예약중');
    // a reserved listing takes no more offers
    await expect(b.getByRole('button', { name: '가격 제안하기' })).toHaveCount(0);
    await shot(b, '63-listing-reserved');
  });
});
