import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { RUN, USERS, newUserPage, shot, signUp } from './helpers';

// Photos in chat (issue #17 §5): bob sends alice a real JPEG carrying EXIF GPS from the chat room; alice, who has
// the room open, sees it live (decoded, not a broken image) and full size; what is stored has no GPS left; someone
// outside the room gets 404 for the photo's URL, and nobody gets it without a token.
test.describe.serial('a photo sent in chat', () => {
  const title = `사진 보낼 책상 ${RUN}`;
  const hello = `책상 사진 보내드릴게요 ${RUN}`;

  let alice: { context: BrowserContext; page: Page };
  let bob: { context: BrowserContext; page: Page };
  let productPath = '';
  let roomPath = '';
  let photo: { url: string; thumbnailUrl: string; width: number; height: number };

  test.afterAll(async () => {
    await alice?.context.close();
    await bob?.context.close();
  });

  test('alice lists a desk; bob opens a chat about it and says hello', async ({ browser }) => {
    alice = await newUserPage(browser, USERS.alice);
    const a = alice.page;
    await a.getByRole('link', { name: '글쓰기' }).click();
    await expect(a.getByRole('heading', { name: '내 물건 팔기' })).toBeVisible();
    await a.getByLabel('제목').fill(title);
    await a.getByLabel('카테고리').selectOption({ label: '가구/인테리어' });
    await a.getByLabel('가격 (원)').fill('20000');
    await a.getByLabel('자세한 설명').fill('원목 책상이에요. 사진은 채팅으로 더 보내드려요.');
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
    await expect(b.getByText(/연결 중|연결이 끊겼어요/)).toHaveCount(0);
    await b.getByLabel('메시지 입력').fill(hello);
    await b.getByRole('button', { name: '전송', exact: true }).click();
    await expect(b.locator('.bubble.mine', { hasText: hello }).filter({ hasNotText: '전송 중' })).toBeVisible();

    // alice opens the room before the photo comes, so it must arrive live
    await a.goto(roomPath);
    await expect(a.getByText(hello)).toBeVisible();
    await expect(a.getByText(/연결 중|연결이 끊겼어요/)).toHaveCount(0);
  });

  test('bob attaches a JPEG with GPS in its EXIF; it is sent as a PHOTO message', async ({ browser }) => {
    const jpeg = await jpegWithGps(browser);
    // the upload really carries a position, or the check below that none is stored would prove nothing
    expect(hasExifGps(jpeg)).toBe(true);

    const b = bob.page;
    const sent = b.waitForResponse(
      (r) => /\/api\/chat\/rooms\/\d+\/photos$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST',
    );
    await b.getByLabel('사진 보내기').setInputFiles({ name: 'desk.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    const res = await sent;
    expect(res.status()).toBe(201);
    const message = await res.json();
    expect(message.type).toBe('PHOTO');
    expect(message.photos).toHaveLength(1);
    photo = message.photos[0];
    expect(photo.url).toMatch(/^\/api\/chat\/photos\/[^/]+$/);
    expect(photo.thumbnailUrl).toMatch(/^\/api\/chat\/photos\/[^/]+$/);
    expect([photo.width, photo.height]).toEqual([640, 480]);

    const mine = b.locator('.bubble.mine.photo').filter({ hasNot: b.locator('.photo-local') });
    await expectDecoded(mine.locator('.photo-grid img').first());
    await expect(b.locator('.bubble.pending')).toHaveCount(0);
    await shot(b, '90-bob-sent-photo');
  });

  test('alice sees the photo live, decoded, and opens it full size', async () => {
    const a = alice.page;
    const thumb = a.locator('.bubble.theirs.photo .photo-grid img').first();
    await expectDecoded(thumb);
    // fetched with the token into an object URL: a plain <img src> could not load a private photo
    expect(await thumb.getAttribute('src')).toMatch(/^blob:/);
    await shot(a, '91-alice-sees-photo');

    await a.getByRole('button', { name: '사진 1/1 크게 보기' }).click();
    const viewer = a.getByRole('dialog', { name: '사진 보기' });
    const full = viewer.locator('img.photo-full');
    await expectDecoded(full);
    expect(await full.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(640);
    await shot(a, '92-alice-photo-full-size');
    await viewer.getByRole('button', { name: '닫기' }).click();
    await expect(viewer).toHaveCount(0);

    // and after a reload, from the history
    await a.reload();
    await expectDecoded(a.locator('.bubble.theirs.photo .photo-grid img').first());
  });

  test('what is stored has no GPS position left', async ({ request }) => {
    const b = bob.page;
    const bobToken = await bearerOf(b, () => b.reload());
    for (const url of [photo.url, photo.thumbnailUrl]) {
      const res = await request.get(url, { headers: { Authorization: `Bearer ${bobToken}` } });
      expect(res.status(), url).toBe(200);
      // only the browser may keep it, never a shared cache
      expect(res.headers()['cache-control'], url).toContain('private');
      expect(res.headers()['cache-control'], url).not.toContain('public');
      expect(res.headers()['x-content-type-options'], url).toBe('nosniff');
      const bytes = await res.body();
      expect(bytes.subarray(0, 2).toString('hex'), `${url} is a JPEG`).toBe('ffd8');
      expect(hasExifGps(bytes), url).toBe(false);
    }
  });

  test('someone outside the room gets 404 for the photo, and nobody gets it without a token', async ({
    browser,
    request,
  }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signUp(page);
    const outsider = await bearerOf(page, () => page.goto('/chat'));
    for (const url of [photo.url, photo.thumbnailUrl]) {
      const theirs = await request.get(url, { headers: { Authorization: `Bearer ${outsider}` } });
      expect(theirs.status(), url).toBe(404);
      const anonymous = await request.get(url);
      expect(anonymous.status(), url).toBe(401);
    }
    // the outsider cannot post a photo into the room either
    const post = await request.post(`/api${roomPath.replace(/^\/chat/, '/chat/rooms')}/photos`, {
      headers: { Authorization: `Bearer ${outsider}` },
      multipart: { files: { name: 'x.jpg', mimeType: 'image/jpeg', buffer: await jpegWithGps(browser) } },
    });
    expect(post.status()).toBe(403);
    await context.close();
  });
});

/** The bearer token the SPA sends with the first API request that `action` causes (tokens live in memory only). */
async function bearerOf(page: Page, action: () => Promise<unknown>): Promise<string> {
  const request = page.waitForRequest(
    async (r) => new URL(r.url()).pathname.startsWith('/api/') && !!(await r.allHeaders()).authorization,
  );
  await action();
  const header = (await (await request).allHeaders()).authorization;
  expect(header).toMatch(/^Bearer \S+$/);
  return header.slice('Bearer '.length);
}

/** Waits until the image has loaded and decoded to real pixels (a broken image has naturalWidth 0). */
async function expectDecoded(img: Locator) {
  await expect(img).toBeVisible();
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => (el.complete ? el.naturalWidth : 0)), { timeout: 15_000 })
    .toBeGreaterThan(0);
}

/**
 * A real 640×480 JPEG (Chromium's own encoder, on a blank page) with an EXIF APP1 segment holding a GPS position
 * (37°29'59.99"N 127°2'41.64"E, 역삼동), added the way a phone camera writes it.
 */
async function jpegWithGps(browser: Browser): Promise<Buffer> {
  const scratch = await browser.newPage();
  const dataUrl = await scratch.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 640;
    c.height = 480;
    const g = c.getContext('2d')!;
    const grad = g.createLinearGradient(0, 0, 640, 480);
    grad.addColorStop(0, '#8d6e63');
    grad.addColorStop(1, '#d7ccc8');
    g.fillStyle = grad;
    g.fillRect(0, 0, 640, 480);
    g.fillStyle = '#3e2723';
    g.fillRect(80, 200, 480, 40);
    g.fillRect(110, 240, 30, 180);
    g.fillRect(500, 240, 30, 180);
    return c.toDataURL('image/jpeg', 0.9);
  });
  await scratch.close();
  const jpeg = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  return insertAfterApp0(jpeg, exifGpsSegment());
}

function exifGpsSegment(): Buffer {
  // TIFF, little-endian: IFD0 with one entry (GPSInfo → the GPS IFD), then the GPS IFD and its rationals.
  const tiff = Buffer.alloc(140);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  let o = 8;
  const entry = (tag: number, type: number, count: number, value: (at: number) => void) => {
    tiff.writeUInt16LE(tag, o);
    tiff.writeUInt16LE(type, o + 2);
    tiff.writeUInt32LE(count, o + 4);
    value(o + 8);
    o += 12;
  };
  tiff.writeUInt16LE(1, o);
  o += 2;
  entry(0x8825, 4, 1, (at) => tiff.writeUInt32LE(26, at));
  tiff.writeUInt32LE(0, o); // no next IFD
  o = 26;
  tiff.writeUInt16LE(5, o);
  o += 2;
  entry(0x0000, 1, 4, (at) => tiff.set([2, 3, 0, 0], at)); // GPSVersionID 2.3
  entry(0x0001, 2, 2, (at) => tiff.write('N\0', at, 'latin1'));
  entry(0x0002, 5, 3, (at) => tiff.writeUInt32LE(92, at));
  entry(0x0003, 2, 2, (at) => tiff.write('E\0', at, 'latin1'));
  entry(0x0004, 5, 3, (at) => tiff.writeUInt32LE(116, at));
  tiff.writeUInt32LE(0, o);
  const rationals = (at: number, values: [number, number][]) =>
    values.forEach(([n, d], i) => {
      tiff.writeUInt32LE(n, at + i * 8);
      tiff.writeUInt32LE(d, at + i * 8 + 4);
    });
  rationals(92, [
    [37, 1],
    [29, 1],
    [5999, 100],
  ]);
  rationals(116, [
    [127, 1],
    [2, 1],
    [4164, 100],
  ]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

function insertAfterApp0(jpeg: Buffer, segment: Buffer): Buffer {
  expect(jpeg.subarray(0, 2).toString('hex')).toBe('ffd8');
  let at = 2;
  if (jpeg[2] === 0xff && jpeg[3] === 0xe0) at = 4 + jpeg.readUInt16BE(4);
  return Buffer.concat([jpeg.subarray(0, at), segment, jpeg.subarray(at)]);
}

/** Whether a JPEG has an EXIF segment whose first IFD points to a GPS IFD (tag 0x8825). */
function hasExifGps(jpeg: Buffer): boolean {
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1];
    if (marker === 0xda || marker === 0xd9) break; // image data: no metadata segment follows
    const length = jpeg.readUInt16BE(at + 2);
    const body = jpeg.subarray(at + 4, at + 2 + length);
    if (marker === 0xe1 && body.subarray(0, 6).toString('latin1') === 'Exif\0\0') {
      const tiff = body.subarray(6);
      const le = tiff.subarray(0, 2).toString('latin1') === 'II';
      const u16 = (i: number) => (le ? tiff.readUInt16LE(i) : tiff.readUInt16BE(i));
      const u32 = (i: number) => (le ? tiff.readUInt32LE(i) : tiff.readUInt32BE(i));
      const ifd = u32(4);
      const count = u16(ifd);
      for (let i = 0; i < count; i++) if (u16(ifd + 2 + i * 12) === 0x8825) return true;
    }
    at += 2 + length;
  }
  return false;
}
