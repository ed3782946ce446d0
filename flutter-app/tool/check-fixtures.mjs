// For every fixture in test/fixtures, checks that each key the Dart models read (from their
// fromJson factories) exists with a compatible JSON type; also that every fixture is mapped to a
// model and every model with fromJson is exercised by some fixture.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDart } from './dart-grammar.mjs';
import { FIXTURES, appRoot, checkDocument, extractModels, modelsReached } from './models.mjs';

const parser = await loadDart();
const models = extractModels(parser);
const fixtureDir = join(appRoot, 'test', 'fixtures');
let failed = 0;
let passed = 0;

if (models.size === 0) {
  console.error('no fromJson factories found in lib/models');
  process.exit(1);
}
const fieldCount = [...models.values()].reduce((n, m) => n + m.fields.size, 0);
console.log(`models: ${models.size} classes, ${fieldCount} JSON keys read (${[...models.keys()].join(', ')})`);
for (const [name, m] of models) {
  if (m.fields.size === 0) {
    console.error(`FAIL ${name}: fromJson found but no json['key'] as T reads were recognised`);
    failed++;
  }
}

// Self-test: a fixture with a missing key, wrong types, a bad timestamp and an unknown enum value
// must be rejected, or this check could not fail.
{
  const entry = FIXTURES.find((f) => f.file === 'products_page.json');
  const doc = JSON.parse(readFileSync(join(fixtureDir, entry.file), 'utf8'));
  const broken = structuredClone(doc);
  delete broken.items[0].seller.mannerTemperature;
  broken.items[0].price = '550000';
  broken.items[0].createdAt = 'yesterday';
  broken.items[0].status = 'GONE';
  broken.items[1].liked = 1;
  const { problems } = checkDocument(models, entry, broken, { mode: 'fixture' });
  const expected = ['seller.mannerTemperature: missing', 'price: expected an integer', 'createdAt: expected ISO-8601',
    'status: expected one of', 'liked: expected a boolean'];
  const missed = expected.filter((e) => !problems.some((p) => p.includes(e)));
  if (missed.length) {
    console.error(`FAIL self-test: a broken fixture was not rejected for: ${missed.join('; ')}`);
    failed++;
  } else {
    console.log(`self-test: broken fixture rejected (${problems.length} problems)`);
  }
}

const mapped = new Set(FIXTURES.map((f) => f.file));
for (const file of readdirSync(fixtureDir).filter((n) => n.endsWith('.json'))) {
  if (!mapped.has(file)) {
    console.error(`FAIL ${file}: not mapped to a model in tool/models.mjs FIXTURES`);
    failed++;
  }
}

const reached = new Set();
for (const entry of FIXTURES) {
  let doc;
  try {
    doc = JSON.parse(readFileSync(join(fixtureDir, entry.file), 'utf8'));
  } catch (e) {
    console.error(`FAIL ${entry.file}: ${e.message}`);
    failed++;
    continue;
  }
  const { problems } = checkDocument(models, entry, doc, { mode: 'fixture' });
  modelsReached(models, entry, reached);
  if (problems.length) {
    failed++;
    console.error(`FAIL ${entry.file} (${entry.list ? `List<${entry.list}>` : entry.model}${entry.item ? `<${entry.item}>` : ''})`);
    for (const p of problems) console.error(`  ${p}`);
  } else {
    passed++;
    console.log(`ok   ${entry.file}`);
  }
}

for (const name of models.keys()) {
  if (!reached.has(name)) {
    console.error(`FAIL model ${name} is read by no fixture: add one to test/fixtures and FIXTURES`);
    failed++;
  }
}

console.log(`fixtures: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
