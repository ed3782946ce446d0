// Checks the Dart models against the API contract: every key a model's fromJson reads (models.mjs) must be a
// property of the matching schema in docs/openapi/<service>.yaml (the documents each service's
// OpenApiDocumentTest keeps equal to the code), with a compatible type, nested models and enum values included.
// The fixtures say which model answers which endpoint; SCHEMAS says which schema that answer is.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadDart } from './dart-grammar.mjs';
import { FIXTURES, appRoot, extractModels } from './models.mjs';

/** fixture file → [service, schema name in components.schemas]. */
export const SCHEMAS = {
  'products_page.json': ['product', 'PageSummary'],
  'product_detail.json': ['product', 'Detail'],
  'categories.json': ['product', 'CategoryView'],
  'comments_page.json': ['product', 'PageCommentView'],
  'public_profile.json': ['product', 'PublicProfile'],
  'my_profile.json': ['product', 'MyProfile'],
  'notifications_page.json': ['notify', 'InboxPage'],
  'notification_settings.json': ['notify', 'Settings'],
  'problem.json': ['product', 'Problem'],
  'notices_page.json': ['notify', 'PagePublicNotice'],
  'chat_messages_page.json': ['chat', 'PageMessageView'],
  'region.json': ['product', 'RegionView'],
  'regions_page.json': ['product', 'PageRegionView'],
  'reviews_page.json': ['product', 'PageReceivedReviewView'],
  'blocks_page.json': ['product', 'PageBlockView'],
  'report.json': ['product', 'ReportView'],
  'chat_room.json': ['chat', 'RoomView'],
};

const docs = new Map();
function document(service) {
  if (!docs.has(service)) {
    docs.set(service, parse(readFileSync(join(appRoot, '..', 'docs', 'openapi', `${service}.yaml`), 'utf8')));
  }
  return docs.get(service);
}

function resolve(doc, schema) {
  let s = schema;
  for (let i = 0; s && s.$ref && i < 20; i++) s = doc.components.schemas[s.$ref.replace('#/components/schemas/', '')];
  return s;
}

const types = (s) => new Set([].concat(s?.type ?? []));

/** Problems of Dart model `name` read from schema `schema` of `doc`. */
export function checkAgainstSchema(models, doc, name, schema, { path = '$', item = null } = {}) {
  const problems = [];
  const model = models.get(name);
  const s = resolve(doc, schema);
  if (!model) return [`${path}: no model ${name}`];
  if (!s || !s.properties) return [`${path}: ${name} expects an object, the document has ${JSON.stringify(schema)}`];
  for (const field of model.fields.values()) {
    const at = `${path}.${field.key}`;
    const prop = resolve(doc, s.properties[field.key]);
    if (!prop) {
      problems.push(`${at}: ${name} reads '${field.key}', which the document's schema does not have`);
      continue;
    }
    const t = types(prop);
    const want = (ok, what) => {
      if (!ok) problems.push(`${at}: ${name} reads ${field.cast}, the document says ${what}`);
    };
    switch (field.kind) {
      case 'int':
        want(t.has('integer'), JSON.stringify(prop.type));
        break;
      case 'num':
      case 'double':
        want(t.has('number') || t.has('integer'), JSON.stringify(prop.type));
        break;
      case 'bool':
        want(t.has('boolean'), JSON.stringify(prop.type));
        break;
      case 'String':
        want(t.has('string'), JSON.stringify(prop.type));
        if (field.format === 'date-time') {
          // a nullable reference is written `anyOf: [{$ref}, {type: null}]` (OpenAPI 3.1): its format is the ref's
          const format = prop.format ?? (prop.anyOf ?? []).map((a) => resolve(doc, a)?.format).find(Boolean);
          want(format === 'date-time', `format ${format}`);
        }
        if (field.enumValues) {
          const wire = new Set(prop.enum ?? []);
          const missing = field.enumValues.filter((v) => !wire.has(v));
          const unknown = [...wire].filter((v) => !field.enumValues.includes(v));
          want(prop.enum && !missing.length && !unknown.length,
            `enum ${JSON.stringify(prop.enum)} (Dart knows ${field.enumValues.join('|')})`);
        }
        break;
      case 'List': {
        want(t.has('array'), JSON.stringify(prop.type));
        const element = field.model === 'T' ? item : field.model;
        if (t.has('array') && element) {
          problems.push(...checkAgainstSchema(models, doc, element, prop.items, { path: `${at}[]` }));
        }
        break;
      }
      case 'Map':
        want(t.has('object') || prop.properties || prop.additionalProperties, JSON.stringify(prop.type));
        if (field.model) problems.push(...checkAgainstSchema(models, doc, field.model, prop, { path: at }));
        break;
      default:
        problems.push(`${at}: ${name} casts it as ${field.cast}, which this check does not know`);
    }
  }
  return problems;
}

function checkEntry(models, entry) {
  const [service, schemaName] = SCHEMAS[entry.file];
  const doc = document(service);
  const schema = doc.components.schemas[schemaName];
  if (!schema) return [`${service}.yaml has no schema ${schemaName}`];
  if (entry.list) return checkAgainstSchema(models, doc, entry.list, schema); // SCHEMAS names the element
  return checkAgainstSchema(models, doc, entry.model, schema, { item: entry.item ?? null });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const models = extractModels(await loadDart());
  let failed = 0;
  // Self-test: a model reading a key the document lacks, with a wrong type and an unknown enum value, is refused.
  {
    const broken = new Map(models);
    const item = structuredClone(models.get('ProductListItem'));
    item.fields.set('titel', { ...item.fields.get('title'), key: 'titel' });
    item.fields.set('price', { ...item.fields.get('price'), kind: 'bool', cast: 'bool' });
    item.fields.set('status', { ...item.fields.get('status'), enumValues: ['ON_SALE', 'GONE'] });
    broken.set('ProductListItem', item);
    const problems = checkEntry(broken, FIXTURES.find((f) => f.file === 'products_page.json'));
    const expected = ["reads 'titel'", 'price: ProductListItem reads bool', 'status: ProductListItem reads String'];
    const missed = expected.filter((e) => !problems.some((p) => p.includes(e)));
    if (missed.length) {
      console.error(`FAIL self-test: a broken model was not refused for: ${missed.join('; ')}`);
      failed++;
    } else {
      console.log(`self-test: broken model refused (${problems.length} problems)`);
    }
  }
  for (const entry of FIXTURES) {
    if (!SCHEMAS[entry.file]) {
      console.error(`FAIL ${entry.file}: no schema in SCHEMAS (check-openapi.mjs) says what this answer is`);
      failed++;
      continue;
    }
    const problems = checkEntry(models, entry);
    const what = `${entry.list ?? entry.model}${entry.item ? `<${entry.item}>` : ''} vs ${SCHEMAS[entry.file].join('.yaml ')}`;
    if (problems.length) {
      console.error(`FAIL ${what}:\n  ${problems.join('\n  ')}`);
      failed++;
    } else {
      console.log(`ok   ${what}`);
    }
  }
  if (failed) process.exit(1);
}
