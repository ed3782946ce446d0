// Usage: node check-live.mjs <baseUrl> [--with-detail]
// Fetches anonymous endpoints of a running stack and checks that every key the Dart models read is
// there with the same JSON type as in the fixtures (test/fixtures). An empty list cannot show the
// shape of its items: that part is skipped with a message, and the exit code stays 0.
// --with-detail also fetches one product's detail page (which counts a view).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDart } from './dart-grammar.mjs';
import { FIXTURES, appRoot, checkDocument, extractModels } from './models.mjs';

const args = process.argv.slice(2);
const base = args.find((a) => !a.startsWith('--'))?.replace(/\/+$/, '');
if (!base) {
  console.error('usage: node check-live.mjs <baseUrl> [--with-detail]   e.g. http://localhost:8080');
  process.exit(2);
}
const withDetail = args.includes('--with-detail');

const models = extractModels(await loadDart());
const fixture = (file) => JSON.parse(readFileSync(join(appRoot, 'test', 'fixtures', file), 'utf8'));
const entryFor = (file) => FIXTURES.find((f) => f.file === file);

let passed = 0;
let failed = 0;
let skipped = 0;

async function get(path, { expectStatus = 200 } = {}) {
  let res;
  try {
    res = await fetch(base + path, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(15000) });
  } catch (e) {
    throw new Error(`GET ${path}: cannot reach ${base} (${e.cause?.code ?? e.message})`);
  }
  const text = await res.text();
  if (res.status !== expectStatus) throw new Error(`GET ${path}: HTTP ${res.status}, expected ${expectStatus}: ${text.slice(0, 200)}`);
  try {
    return { body: JSON.parse(text), contentType: res.headers.get('content-type') ?? '' };
  } catch {
    throw new Error(`GET ${path}: not JSON: ${text.slice(0, 200)}`);
  }
}

/** Checks a live body against the models, and its JSON types against the fixture's. */
function compare(label, file, body) {
  const entry = entryFor(file);
  const live = checkDocument(models, entry, body, { mode: 'live' });
  const fixed = checkDocument(models, entry, fixture(file), { mode: 'fixture' });
  const problems = [...live.problems];
  for (const [path, type] of live.types) {
    const expected = fixed.types.get(path);
    if (expected && expected !== type) problems.push(`${path}: ${type} live, ${expected} in ${file}`);
  }
  if (problems.length) {
    failed++;
    console.error(`FAIL ${label} (vs ${file})`);
    for (const p of problems) console.error(`  ${p}`);
  } else {
    passed++;
    console.log(`ok   ${label} matches ${file} (${live.types.size} keys)`);
  }
}

function skip(label, why) {
  skipped++;
  console.log(`skip ${label}: ${why}`);
}

async function step(label, fn) {
  try {
    await fn();
  } catch (e) {
    failed++;
    console.error(`FAIL ${label}: ${e.message}`);
  }
}

await step('GET /api/categories', async () => {
  const { body } = await get('/api/categories');
  if (Array.isArray(body) && body.length === 0) return skip('GET /api/categories', 'no categories, nothing to compare');
  compare('GET /api/categories', 'categories.json', body);
});

await step('GET /api/products?size=2', async () => {
  const { body } = await get('/api/products?size=2');
  if (Array.isArray(body?.items) && body.items.length === 0) {
    return skip('GET /api/products?size=2', 'the feed is empty (no listings yet), item keys not compared');
  }
  compare('GET /api/products?size=2', 'products_page.json', body);
  const first = body?.items?.[0];
  if (!first) return;
  await step(`GET /api/users/${first.seller?.id}`, async () => {
    const { body: profile } = await get(`/api/users/${encodeURIComponent(first.seller.id)}`);
    compare('GET /api/users/{sellerId}', 'public_profile.json', profile);
  });
  await step(`GET /api/products/${first.id}/comments`, async () => {
    const { body: comments } = await get(`/api/products/${first.id}/comments?size=2`);
    if (Array.isArray(comments?.items) && comments.items.length === 0) {
      return skip(`GET /api/products/${first.id}/comments`, 'no comments on this listing, item keys not compared');
    }
    compare('GET /api/products/{id}/comments', 'comments_page.json', comments);
  });
  await step(`GET /api/users/${first.seller?.id}/reviews`, async () => {
    const { body: reviews } = await get(`/api/users/${encodeURIComponent(first.seller.id)}/reviews?size=2`);
    if (Array.isArray(reviews?.items) && reviews.items.length === 0) {
      return skip(`GET /api/users/${first.seller.id}/reviews`, 'this seller has no reviews, item keys not compared');
    }
    compare('GET /api/users/{sellerId}/reviews', 'reviews_page.json', reviews);
  });
  if (withDetail) {
    await step(`GET /api/products/${first.id}`, async () => {
      const { body: detail } = await get(`/api/products/${first.id}`);
      compare('GET /api/products/{id}', 'product_detail.json', detail);
    });
  }
});

await step('GET /api/notices', async () => {
  const { body } = await get('/api/notices');
  if (Array.isArray(body?.items) && body.items.length === 0) {
    return skip('GET /api/notices', 'no published notices yet, item keys not compared');
  }
  compare('GET /api/notices', 'notices_page.json', body);
});

await step('GET /api/regions/1168064000', async () => {
  const { body } = await get('/api/regions/1168064000');
  compare('GET /api/regions/{code}', 'region.json', body);
});

await step('GET /api/regions?q=역삼', async () => {
  const { body } = await get(`/api/regions?q=${encodeURIComponent('역삼')}`);
  if (Array.isArray(body?.items) && body.items.length === 0) {
    return skip('GET /api/regions?q=역삼', 'no region matched, item keys not compared');
  }
  compare('GET /api/regions?q=', 'regions_page.json', body);
});

await step('GET /api/products/{missing} (problem+json)', async () => {
  const { body, contentType } = await get('/api/products/9007199254740991', { expectStatus: 404 });
  if (!contentType.includes('application/problem+json')) throw new Error(`content type ${contentType}, expected application/problem+json`);
  compare('404 problem', 'problem.json', body);
});

console.log(`live: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed ? 1 : 0);
