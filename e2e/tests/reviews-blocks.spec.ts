import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { RUN, USERS, newUserPage, re, shot } from './helpers';

// Issue 17 §3/§4: a review after 거래완료 shows on the profile; a block hides the other's listings (and makes
// their chat read-only) until it is lifted. alice and bob are shared with the other specs, so the block is
// always lifted again at the end.
test.describe.serial('reviews people can see, and blocks', () => {
  const title = `리뷰용 원목 의자 ${RUN}`;
  const review = `시간 약속을 잘 지키셨어요 ${RUN}`;

  let alice: { context: BrowserContext; page: Page };
  let bob: { context: BrowserContext; page: Page };
  let productPath = '';
  let roomPath = '';
  let aliceProfilePath = '';

  test.afterAll(async () => {
    // Never leave bob blocking alice: the other specs need them to see each other.
    if (bob) {
      await bob.page.goto('/settings');
      const unblock = bob.page
        .getByRole('region', { name: '차단한 사용자' })
        .getByRole('button', { name: '차단 해제' });
      for (let i = 0; i < 5 && (await unblock.count()) > 0; i++) {
        await unblock.first().click();
        await bob.page.waitForTimeout(500);
      }
    }
    await alice?.context.close();
    await bob?.context.close();
  });

  test('alice lists an item; bob chats; alice sells it to bob', async ({ browser }) => {
    alice = await newUserPage(browser, USERS.alice);
    const a = alice.page;
    await a.getByRole('link', { name: '글쓰기' }).click();
    await a.getByLabel('제목').fill(title);
    await a.getByLabel('카테고리').selectOption({ label: '가구/인테리어' });
    await a.getByLabel('가격 (원)').fill('9000');
    await a.getByLabel('자세한 설명').fill('튼튼한 원목 의자입니다.');
    await a.getByRole('button', { name: '작성 완료' }).click();
    await expect(a).toHaveURL(/\/products\/\d+$/, { timeout: 30_000 });
    productPath = new URL(a.url()).pathname;

    bob = await newUserPage(browser, USERS.bob, productPath);
    const b = bob.page;
    await b.goto(productPath);
    await expect(b.getByRole('heading', { name: title })).toBeVisible();
    await b.getByRole('button', { name: '채팅하기' }).click();
    await expect(b).toHaveURL(/\/chat\/\d+$/);
    roomPath = new URL(b.url()).pathname;
    await b.getByLabel('메시지 입력').fill(`의자 살게요 ${RUN}`);
    await b.getByRole('button', { name: '전송', exact: true }).click();
    await expect(b.locator('.bubble.mine', { hasText: `의자 살게요 ${RUN}` })).toBeVisible();

    await a.goto(productPath);
    await a.getByLabel('상태 변경').selectOption({ label: '거래완료' });
    const buyer = a.getByLabel('구매자 선택 (선택 사항)');
    await expect(buyer.locator('option')).toHaveCount(2);
    await buyer.selectOption({ index: 1 });
    await a.getByRole('button', { name: '변경', exact: true }).click();
    await expect(a.getByRole('heading', { name: title })).toContainText('거래완료');
  });

  test('the chat room asks bob for a review; he leaves one with chips', async () => {
    const b = bob.page;
    await b.goto(roomPath);
    await expect(b.getByText('거래가 완료되었어요. 후기를 남겨주세요')).toBeVisible();
    await b.getByRole('button', { name: '후기 남기기' }).click();
    const form = b.getByRole('form', { name: '거래 후기 보내기' });
    await form.getByText('최고예요').click();
    await form.getByText('친절해요').click();
    await form.getByText('시간 약속을 잘 지켜요').click();
    await form.getByLabel(/따뜻한 거래 후기/).fill(review);
    await shot(b, '60-bob-review-form');
    await form.getByRole('button', { name: '후기 보내기' }).click();
    await expect(b.getByText('거래가 완료되었어요. 후기를 남겨주세요')).toHaveCount(0);
  });

  test("the review shows on alice's profile with its chips and the temperature", async () => {
    const b = bob.page;
    await b.goto(productPath);
    await b.locator('.seller-info a').click();
    await expect(b).toHaveURL(/\/users\//);
    aliceProfilePath = new URL(b.url()).pathname;
    await expect(b.getByText(review)).toBeVisible();
    await expect(b.getByRole('list', { name: '받은 매너 평가' }).getByText('친절해요')).toBeVisible();
    await expect(b.getByText(/받은 거래 후기 \d+/)).toBeVisible();
    await expect(b.locator('.profile-head .manner')).toContainText('°C');
    await shot(b, '61-alice-profile-reviews');
  });

  test("bob blocks alice: her listings disappear for him and their chat is read-only", async () => {
    const b = bob.page;
    await b.goto(aliceProfilePath);
    b.once('dialog', (d) => void d.accept());
    await b.getByRole('button', { name: '차단하기' }).click();
    await expect(b.getByRole('button', { name: '차단 해제' })).toBeVisible();
    await expect(b.getByText('차단한 사용자예요')).toBeVisible();
    // her listings: gone from her profile's list (bob's own review of the trade still names it), from search and
    // the detail
    await expect(b.locator('.product-list').getByRole('link', { name: re(title) })).toHaveCount(0);
    await b.goto('/');
    await b.getByRole('searchbox').fill('원목 의자');
    await b.getByRole('button', { name: '검색', exact: true }).click();
    const all = b.getByRole('button', { name: '전체 동네' });
    if ((await all.getAttribute('aria-pressed')) !== 'true') await all.click();
    await expect(b.getByRole('link', { name: re(title) })).toHaveCount(0);
    await b.goto(productPath);
    await expect(b.getByRole('heading', { name: title })).toHaveCount(0);
    // their chat stays readable but read-only (chat learns of a block within a few seconds)
    await expect(async () => {
      await b.goto(roomPath);
      await expect(b.getByText(/차단된 사용자와는 대화할 수 없어요/)).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(b.getByLabel('메시지 입력')).toHaveCount(0);
    await expect(b.getByText(`의자 살게요 ${RUN}`)).toBeVisible();
    await shot(b, '62-bob-blocked-room');
  });

  test('bob unblocks alice in settings and sees her listing again', async () => {
    const b = bob.page;
    await b.goto('/settings');
    const blocked = b.getByRole('region', { name: '차단한 사용자' });
    await expect(blocked.getByRole('listitem')).not.toHaveCount(0);
    await blocked.getByRole('button', { name: '차단 해제' }).first().click();
    await expect(blocked.getByText('차단한 사용자가 없어요')).toBeVisible();
    await b.goto(productPath);
    await expect(b.getByRole('heading', { name: title })).toBeVisible();
  });
});
