// Chromium as the Lighthouse bench drives it (run.mjs, profile.mjs): one set of flags, one sign-in.
import puppeteer from 'puppeteer-core';

/** Chromium that reaches `origin` at `connect` (--host-resolver-rules), e.g. localhost:8080 at 127.0.0.1:4180. */
export function launch(origin, connect) {
  return puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--host-resolver-rules=MAP ${new URL(origin).host} ${connect}`,
    ],
  });
}

/** Signs `user` in through the app's login button and the real Keycloak form; the page ends back on the app. */
export async function signIn(page, origin, user) {
  await page.goto(`${origin}/`, { waitUntil: 'networkidle2' });
  const loginButton = await page.waitForSelector('button.btn-small');
  await loginButton.click();
  await page.waitForSelector('#username');
  await page.type('#username', user.username);
  await page.type('#password', user.password);
  await Promise.all([page.waitForNavigation(), page.click('#kc-login')]);
  await page.waitForFunction(() => location.pathname.startsWith('/') && !location.pathname.startsWith('/auth/'));
}
