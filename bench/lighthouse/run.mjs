// Lighthouse (mobile preset: performance, accessibility, best practices) on the feed, a product page and a chat
// room, plus a static baseline page served by the same nginx; prints one table. Driven by bench/lighthouse.sh,
// which serves the build and passes where.
//
// usage: node run.mjs --origin http://localhost:8080 --connect 127.0.0.1:4180 [--runs 1] [--out DIR]
//   --origin   the origin the browser believes it talks to (Keycloak's redirect URIs allow localhost:8080)
//   --connect  where Chromium really connects for that origin (--host-resolver-rules), and where this script's
//              own API calls go
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import { launch, signIn } from './browser.mjs';

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .join(' ')
    .split('--')
    .filter(Boolean)
    .map((a) => a.trim().split(/\s+/)),
);
const origin = args.origin ?? 'http://localhost:8080';
const connect = args.connect ?? new URL(origin).host;
const runs = Number(args.runs ?? 1);
const out = args.out ?? 'out';
const user = { username: process.env.LH_USER ?? 'bob', password: process.env.LH_PASSWORD ?? 'bob' };
const api = `http://${connect}`;
mkdirSync(out, { recursive: true });

async function json(path, init = {}) {
  const res = await fetch(api + path, init);
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

async function token(u) {
  const body = new URLSearchParams({ grant_type: 'password', client_id: 'market-test', ...u });
  const t = await json('/auth/realms/market/protocol/openid-connect/token', { method: 'POST', body });
  return t.access_token;
}

// A listing to open (the newest one with a photo, else the newest) and a chat room of the signed-in user about
// someone else's listing (an existing one, else one opened now with a few messages).
async function pickPages() {
  const feed = await json('/api/products?region=all&size=50');
  if (feed.items.length === 0) throw new Error('the feed is empty: list something first (e2e or the app)');
  const product = feed.items.find((p) => p.thumbnailUrl) ?? feed.items[0];
  const bearer = { authorization: `Bearer ${await token(user)}`, 'content-type': 'application/json' };
  const rooms = await json('/api/chat/rooms', { headers: bearer });
  let room = rooms.items[0];
  if (!room) {
    const me = await json('/api/me', { headers: bearer });
    const other = feed.items.find((p) => p.seller?.id !== me.id && p.status === 'ON_SALE');
    if (!other) throw new Error(`no listing of someone else for ${user.username} to chat about`);
    room = await json('/api/chat/rooms', { method: 'POST', headers: bearer, body: JSON.stringify({ productId: other.id }) });
    for (const content of ['안녕하세요, 아직 판매중인가요?', '네고 가능할까요?', '내일 저녁 역 앞에서 거래 가능해요.']) {
      await json(`/api/chat/rooms/${room.id}/messages`, {
        method: 'POST',
        headers: bearer,
        body: JSON.stringify({ content }),
      });
    }
    console.error(`opened chat room ${room.id} for ${user.username} (listing ${other.id})`);
  }
  return { product: product.id, room: room.id };
}

// The app's JavaScript as a first visit loads it: the entry script of index.html and its modulepreloads, gzip -9.
async function bundle() {
  const html = await (await fetch(`${api}/`)).text();
  const entry = html.match(/<script type="module"[^>]*src="([^"]+)"/)?.[1];
  const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
  const gz = async (p) => gzipSync(Buffer.from(await (await fetch(api + p)).arrayBuffer()), { level: 9 }).length;
  const main = entry ? await gz(entry) : 0;
  let start = main;
  for (const p of preloads) start += await gz(p);
  return { entry, main, start, files: 1 + preloads.length };
}

const browser = await launch(origin, connect);

const flags = {
  output: 'json',
  logLevel: 'error',
  onlyCategories: ['performance', 'accessibility', 'best-practices'],
};

async function audit(name, path, page) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const r = await lighthouse(origin + path, flags, undefined, page);
    const lhr = r.lhr;
    writeFileSync(`${out}/${name}-${i + 1}.json`, JSON.stringify(lhr));
    if (lhr.runtimeError) throw new Error(`${name}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const cat = (k) => Math.round((lhr.categories[k]?.score ?? 0) * 100);
    const num = (k) => lhr.audits[k]?.numericValue;
    const failing = Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative')
      .filter((a) => a.scoreDisplayMode !== 'manual' && a.scoreDisplayMode !== 'notApplicable')
      .map((a) => a.id);
    results.push({
      perf: cat('performance'),
      a11y: cat('accessibility'),
      bp: cat('best-practices'),
      fcp: num('first-contentful-paint'),
      lcp: num('largest-contentful-paint'),
      tbt: num('total-blocking-time'),
      cls: num('cumulative-layout-shift'),
      bench: lhr.environment.benchmarkIndex,
      failing,
    });
  }
  // the median run by performance score (one run: that run)
  results.sort((a, b) => a.perf - b.perf);
  return { name, path, ...results[Math.floor(results.length / 2)], runs: results.length };
}

const rows = [];
try {
  const pages = await pickPages();
  const anonymous = await browser.newPage();
  rows.push(await audit('baseline', '/bench-baseline.html', anonymous));
  rows.push(await audit('feed', '/', anonymous));
  rows.push(await audit('product', `/products/${pages.product}`, anonymous));
  await anonymous.close();
  const signedIn = await browser.newPage();
  await signIn(signedIn, origin, user);
  rows.push(await audit('chat-room', `/chat/${pages.room}`, signedIn));
  rows.push(await audit('feed-signed-in', '/', signedIn));
  await signedIn.close();
} finally {
  await browser.close();
}

const b = await bundle();
const ms = (v) => (v === undefined ? '-' : `${Math.round(v)}`);
const line = (c) => `| ${c.join(' | ')} |`;
console.log(line(['page', 'path', 'perf', 'a11y', 'best pr.', 'FCP ms', 'LCP ms', 'TBT ms', 'CLS', 'benchmarkIndex', 'runs']));
console.log(line(Array(11).fill('---')));
for (const r of rows) {
  console.log(
    line([r.name, r.path, r.perf, r.a11y, r.bp, ms(r.fcp), ms(r.lcp), ms(r.tbt), r.cls?.toFixed(3) ?? '-', Math.round(r.bench), r.runs]),
  );
}
console.log();
console.log(
  `main bundle ${b.entry}: ${(b.main / 1024).toFixed(1)} KB gzip -9; JS loaded at start (entry + ${b.files - 1} modulepreload): ${(b.start / 1024).toFixed(1)} KB gzip`,
);
console.log();
for (const r of rows) if (r.failing.length) console.log(`${r.name}: audits below 0.9: ${r.failing.join(', ')}`);
console.log(`reports: ${out}/<page>-<run>.json`);
// for bench/all.sh's summary
const yes = (ok) => (ok ? 'yes' : 'no');
for (const r of rows.filter((x) => ['feed', 'product', 'chat-room'].includes(x.name))) {
  console.log(`TARGET|${r.name} performance|${r.perf}|>= 90|${yes(r.perf >= 90)}`);
  console.log(`TARGET|${r.name} accessibility|${r.a11y}|>= 95|${yes(r.a11y >= 95)}`);
  console.log(`TARGET|${r.name} best practices|${r.bp}|>= 95|${yes(r.bp >= 95)}`);
}
console.log(`TARGET|main bundle gzip|${(b.main / 1024).toFixed(1)} KB|< 120 KB|${yes(b.main / 1024 < 120)}`);
