import { deflateSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';

export const USERS = {
  alice: { username: 'alice', password: 'alice' },
  bob: { username: 'bob', password: 'bob' },
  admin: { username: 'admin', password: 'admin' },
} as const;

/** A run-unique suffix so repeated runs against the same stack never collide. */
export const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** Signs in through the real Keycloak login form and waits to be back in the SPA, signed in. */
export async function login(page: Page, user: { username: string; password: string }, startAt = '/') {
  await page.goto(startAt);
  await page.getByRole('button', { name: /^(로그인|Log in)$/ }).click();
  await fillKeycloakForm(page, user);
  await expect(page.getByRole('button', { name: /^(로그아웃|Log out)$/ })).toBeVisible();
}

export async function fillKeycloakForm(page: Page, user: { username: string; password: string }) {
  await page.waitForURL(/\/auth\/realms\/market\//);
  await page.locator('#username').fill(user.username);
  await page.locator('#password').fill(user.password);
  await page.locator('#kc-login').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/auth/'));
}

export async function newUserPage(browser: Browser, user: { username: string; password: string }, startAt = '/') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, user, startAt);
  return { context, page };
}

/**
 * Runs axe-core (every WCAG 2.x A/AA rule and axe's best practices) on the page as it is now and fails on any
 * serious or critical violation, naming the rule and the elements. Call it where a screen has its content.
 */
export async function expectAccessible(page: Page, screen: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const blocking = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(blocking, `axe: serious or critical violations on ${screen}`).toEqual([]);
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/steps/${name}.png`, fullPage: true });
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A real PNG (carrot-orange with a stripe) made in memory: the API checks image content, not names. */
export function pngPhoto(width = 320, height = 240): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < width; x++) {
      const stripe = Math.abs(x - y) < 12;
      raw[row + 1 + x * 3] = stripe ? 47 : 255;
      raw[row + 2 + x * 3] = stripe ? 158 : 111;
      raw[row + 3 + x * 3] = stripe ? 68 : 15;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** For titles like "[공지] …" inside RegExp name matchers. */
export function re(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

/** Creates a brand-new account through Keycloak's registration page; returns signed in, on the SPA. */
export async function signUp(page: Page, name = `newbie${Date.now().toString(36)}${Math.floor(Math.random() * 100)}`) {
  await page.goto('/');
  await page.getByRole('button', { name: /^(회원가입|Sign up)$/ }).click();
  await page.waitForURL(/\/auth\/realms\/market\//);
  await page.locator('#username').fill(name);
  await page.locator('#email').fill(`${name}@example.com`);
  await page.locator('#firstName').fill('New');
  await page.locator('#lastName').fill('Neighbour');
  await page.locator('#password').fill(`pw-${name}`);
  await page.locator('#password-confirm').fill(`pw-${name}`);
  await page.locator('input[type=submit], button[type=submit]').first().click();
  await page.waitForURL((u) => !u.pathname.startsWith('/auth/'));
  await expect(page.getByRole('button', { name: /^(로그아웃|Log out)$/ })).toBeVisible();
  return name;
}
