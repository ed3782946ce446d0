// Where a page's main-thread time goes, as Lighthouse's mobile preset sees it (CPU slowed down 4x): opens a page
// in Chromium (signed in through the real Keycloak form when LH_USER is set), records a V8 CPU profile of its load
// and prints the long tasks, then self and total time per function — mapped to the sources when DIST holds a
// build with source maps (npx vite build --sourcemap --outDir <dir>).
// Serve DIST first: LH_SERVE_ONLY=1 DIST=<dir> bench/lighthouse.sh (a copy of the gateway on 127.0.0.1:4180).
// usage: node bench/lighthouse/profile.mjs <path, e.g. /chat/1001> [seconds, default 8]
//   LH_USER / LH_PASSWORD  sign in first (then the page is loaded as a reload of a signed-in browser)
//   DIST                   the build served (for its .map files); LH_PORT the port it is served on
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { launch, signIn } from './browser.mjs';

const path = process.argv[2] ?? '/';
const secs = Number(process.argv[3] ?? 8);
const origin = 'http://localhost:8080';
const port = process.env.LH_PORT ?? '4180';
const dist = process.env.DIST;

const browser = await launch(origin, `127.0.0.1:${port}`);
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
  if (process.env.LH_USER) {
    const password = process.env.LH_PASSWORD ?? process.env.LH_USER;
    await signIn(page, origin, { username: process.env.LH_USER, password });
  }
  await page.goto(origin + path, { waitUntil: 'networkidle2' }); // caches warm, as Lighthouse's own first load
  const cdp = await page.createCDPSession();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReturnAsStream' });
  await cdp.send('Profiler.start');
  await page.goto(origin + path, { waitUntil: 'load' });
  await new Promise((r) => setTimeout(r, secs * 1000));
  const { profile } = await cdp.send('Profiler.stop');
  const trace = await new Promise((resolve) => {
    cdp.once('Tracing.tracingComplete', async ({ stream }) => {
      let data = '';
      for (;;) {
        const r = await cdp.send('IO.read', { handle: stream });
        data += r.data;
        if (r.eof) break;
      }
      resolve(JSON.parse(data));
    });
    cdp.send('Tracing.end');
  });

  // long tasks (> 50 ms, in slowed-down time) of the page's main thread
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const main = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const tasks = events.filter(
    (e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.ph === 'X' && e.dur > 50_000 && main.has(`${e.pid}:${e.tid}`),
  );
  const t0 = Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
  console.log(`long tasks (> 50 ms): ${tasks.length}, blocking time ${Math.round(tasks.reduce((s, e) => s + e.dur / 1000 - 50, 0))} ms`);
  for (const e of tasks) console.log(`  at ${Math.round((e.ts - t0) / 1000)} ms: ${Math.round(e.dur / 1000)} ms`);

  // source maps of the build's scripts
  const maps = new Map();
  let SourceMapConsumer;
  if (dist) ({ SourceMapConsumer } = await import(join(process.cwd(), 'frontend/node_modules/source-map-js/source-map.js')));
  const place = (f) => {
    const file = f.url.replace(/^https?:\/\/[^/]+/, '');
    if (SourceMapConsumer && f.lineNumber >= 0 && file.startsWith('/assets/') && existsSync(join(dist, file + '.map'))) {
      if (!maps.has(file)) maps.set(file, new SourceMapConsumer(JSON.parse(readFileSync(join(dist, file + '.map'), 'utf8'))));
      const p = maps.get(file).originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber });
      if (p.source) return `${p.name ?? f.functionName ?? '(anonymous)'} ${p.source.replace(/.*node_modules\//, '')}:${p.line}`;
    }
    return `${f.functionName || '(anonymous)'} ${file || '(native)'}:${f.lineNumber + 1}`;
  };

  // self and total time per function (total: once per sample however deep it recurses)
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const total = new Map();
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const seen = new Set();
    for (let n = id, first = true; n !== undefined; n = parent.get(n), first = false) {
      const key = place(byId.get(n).callFrame);
      if (first) self.set(key, (self.get(key) ?? 0) + dt);
      if (!seen.has(key)) total.set(key, (total.get(key) ?? 0) + dt);
      seen.add(key);
    }
  });
  // what each long task ran: total time per function of the samples inside it (app sources and library entry points)
  let ts = profile.startTime;
  const stamps = profile.timeDeltas.map((d) => (ts += d));
  console.log('\nlong tasks, by function (total ms inside the task):');
  for (const e of tasks.filter((t, i, a) => i === 0 || t.ts !== a[i - 1].ts)) {
    const inTask = new Map();
    profile.samples.forEach((id, i) => {
      if (stamps[i] < e.ts || stamps[i] > e.ts + e.dur) return;
      const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      const seen = new Set();
      for (let n = id; n !== undefined; n = parent.get(n)) {
        const key = place(byId.get(n).callFrame);
        if (!seen.has(key)) inTask.set(key, (inTask.get(key) ?? 0) + dt);
        seen.add(key);
      }
    });
    const rows = [...inTask].filter(([k]) => /src\/|oidc-client|native|garbage/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 8);
    console.log(`  at ${Math.round((e.ts - t0) / 1000)} ms, ${Math.round(e.dur / 1000)} ms: ` + rows.map(([k, ms]) => `${k.replace(/\.\.\/.*?src\//, 'src/')} ${ms.toFixed(0)}`).join('; '));
  }
  const top = (m, k) => [...m].filter(([key]) => !/^\((idle|program|root)\)/.test(key)).sort((a, b) => b[1] - a[1]).slice(0, k);
  console.log('\nself time (ms, 4x slowed down):');
  for (const [key, ms] of top(self, 25)) console.log(`  ${ms.toFixed(0).padStart(6)}  ${key}`);
  console.log('\ntotal time (ms):');
  for (const [key, ms] of top(total, 40)) console.log(`  ${ms.toFixed(0).padStart(6)}  ${key}`);
} finally {
  await browser.close();
}
