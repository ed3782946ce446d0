import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { RUN, USERS, expectAccessible, newUserPage, pngPhoto, re, shot } from './helpers';

// The story, step by step against the running stack. Steps build on each other, so a failing
// step skips the rest instead of failing them for the wrong reason.
test.describe.serial('a deal from listing to 거래완료', () => {
  const title = `원목 컴퓨터책상 팝니다 ${RUN}`;
  const bobHello = `안녕하세요! 책상 아직 있나요? ${RUN}`;
  const aliceReply = `네, 있어요. 오늘 저녁 괜찮으세요? ${RUN}`;
  const bobAgain = `좋아요, 7시에 역삼역에서 봬요 ${RUN}`;

  let alice: { context: BrowserContext; page: Page };
  let bob: { context: BrowserContext; page: Page };
  let productPath = '';
  let roomPath = '';

  test.afterAll(async () => {
    await alice?.context.close();
    await bob?.context.close();
  });

  test('alice signs in and lists an item with a photo', async ({ browser }) => {
    alice = await newUserPage(browser, USERS.alice);
    const page = alice.page;
    await page.getByRole('link', { name: '글쓰기' }).click();
    await expect(page.getByRole('heading', { name: '내 물건 팔기' })).toBeVisible();

    await page.getByLabel('사진 추가').setInputFiles({ name: 'desk.png', mimeType: 'image/png', buffer: pngPhoto() });
    await expect(page.getByRole('img', { name: 'desk.png' })).toBeVisible();
    await page.getByLabel('제목').fill(title);
    await page.getByLabel('카테고리').selectOption({ label: '가구/인테리어' });
    await page.getByLabel('가격 (원)').fill('15000');
    // alice's verified 동네 (the local seed): the listing goes there
    await expect(page.locator('.sell-region')).toContainText('역삼1동');
    await page.getByLabel('자세한 설명').fill('1년 사용한 원목 책상입니다. 직거래만 해요.');
    await shot(page, '10-alice-sell-form');
    await expectAccessible(page, 'the sell form');
    await page.getByRole('button', { name: '작성 완료' }).click();

    await expect(page).toHaveURL(/\/products\/\d+$/, { timeout: 30_000 });
    productPath = new URL(page.url()).pathname;
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
    await expect(page.getByText('15,000원')).toBeVisible();
    await expect(page.getByRole('img', { name: '사진 1/1' })).toBeVisible();
    await shot(page, '11-alice-listing');
    await expectAccessible(page, "the seller's product page");
  });

  test('bob finds it by Korean search, likes it and comments', async ({ browser }) => {
    bob = await newUserPage(browser, USERS.bob);
    const page = bob.page;
    await page.getByRole('searchbox').fill('책상');
    await page.getByRole('button', { name: '검색', exact: true }).click();
    // Every 동네, in case bob's home 동네 is not the listing's.
    const all = page.getByRole('button', { name: '전체 동네' });
    if ((await all.getAttribute('aria-pressed')) !== 'true') await all.click();
    const result = page.getByRole('link', { name: re(title) });
    await expect(result).toBeVisible();
    // Lists show the lazy-loaded thumbnail, not the original.
    await expect(result.locator('img')).toHaveAttribute('loading', 'lazy');
    await expect(result.locator('img')).toHaveAttribute('src', /\/api\/images\//);
    await shot(page, '20-bob-search');
    await expectAccessible(page, 'the feed with search results');
    await result.click();
    await expect(page).toHaveURL(new RegExp(`${productPath}$`));

    await page.getByRole('button', { name: '관심 등록' }).click();
    await expect(page.getByRole('button', { name: '관심 해제' })).toHaveAttribute('aria-pressed', 'true');

    const comment = `직거래 가능할까요? ${RUN}`;
    await page.getByLabel('댓글 입력').fill(comment);
    await page.getByRole('button', { name: '등록', exact: true }).click();
    await expect(page.getByText(comment)).toBeVisible();
    await shot(page, '21-bob-liked-commented');
    await expectAccessible(page, "a buyer's product page");
  });

  test('bob opens a chat; alice answers; both see the messages live', async () => {
    const b = bob.page;
    await b.getByRole('button', { name: '채팅하기' }).click();
    await expect(b).toHaveURL(/\/chat\/\d+$/);
    roomPath = new URL(b.url()).pathname;
    // Live means the WebSocket, not the REST polling the room falls back to while it is down.
    await expect(b.getByText(/연결 중|연결이 끊겼어요/)).toHaveCount(0);
    await b.getByLabel('메시지 입력').fill(bobHello);
    await b.getByRole('button', { name: '전송', exact: true }).click();
    await expect(b.locator('.bubble.mine', { hasText: bobHello }).filter({ hasNotText: '전송 중' })).toBeVisible();

    const a = alice.page;
    await a.getByRole('link', { name: '땅근마켓' }).click();
    await a.getByRole('link', { name: '채팅', exact: true }).click();
    const room = a.locator(`a[href="${roomPath}"]`);
    await expect(a.getByRole('heading', { name: '채팅' })).toBeVisible();
    // Newest first; other traffic on alice's account may push it down a page or two.
    for (let i = 0; i < 10 && (await room.count()) === 0; i++) {
      const more = a.getByRole('button', { name: '더 보기' });
      if (await more.isVisible()) await more.click();
      await a.waitForTimeout(500);
    }
    await expect(room).toContainText(bobHello);
    await expect(room.getByLabel(/안 읽은 메시지/)).toBeVisible();
    await shot(a, '30-alice-chat-list');
    await expectAccessible(a, 'the chat list');
    await room.click();
    await expect(a.getByText(bobHello)).toBeVisible();
    await expect(a.getByText(/연결 중|연결이 끊겼어요/)).toHaveCount(0);

    await a.getByLabel('메시지 입력').fill(aliceReply);
    await a.getByRole('button', { name: '전송', exact: true }).click();
    // Live: bob never reloads.
    await expect(b.getByText(aliceReply)).toBeVisible();
    await b.getByLabel('메시지 입력').fill(bobAgain);
    await b.getByRole('button', { name: '전송', exact: true }).click();
    await expect(a.getByText(bobAgain)).toBeVisible();
    // alice has the room open, so bob's last message is read.
    await expect(b.locator('.bubble.mine', { hasText: bobAgain })).toContainText('읽음');
    await shot(a, '31-alice-room');
    await shot(b, '32-bob-room');
    await expectAccessible(b, 'a chat room');
  });

  test('alice marks it 거래완료 with bob as the buyer', async () => {
    const a = alice.page;
    await a.goto(productPath);
    await expect(a.getByRole('heading', { name: title })).toBeVisible();
    await a.getByLabel('상태 변경').selectOption({ label: '거래완료' });
    const buyer = a.getByLabel('구매자 선택 (선택 사항)');
    await expect(buyer.locator('option')).toHaveCount(2);
    await buyer.selectOption({ index: 1 });
    await a.getByRole('button', { name: '변경', exact: true }).click();
    await expect(a.getByRole('heading', { name: title })).toContainText('거래완료');
    await shot(a, '40-alice-sold');

    await bob.page.goto(productPath);
    await expect(bob.page.getByRole('heading', { name: title })).toContainText('거래완료');
  });

  test('bob finds it in his 구매내역', async () => {
    const b = bob.page;
    await b.goto('/my');
    await b.getByRole('tab', { name: '구매내역' }).click();
    await expect(b.getByRole('tabpanel').getByText(title)).toBeVisible();
    await shot(b, '41-bob-purchases');
    await expectAccessible(b, '나의 당근 (구매내역)');
  });
});
