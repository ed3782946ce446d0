// Reads what the Dart models read: for each class in lib/models/*.dart with a `fromJson` constructor
// (a factory, or a generative one with an initializer list), every `json['key'] as T` access (its key, cast
// type, nullability, nested model or list element model), taken from the tree-sitter syntax tree. A fromJson
// that calls `super.fromJson(json)` reads its superclass's keys too (fields two models share, parsed once in
// an abstract base, which is no model of its own). Then checks JSON documents against that.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const appRoot = new URL('..', import.meta.url).pathname;

/**
 * Which model each fixture holds, and which anonymous endpoint returns the same shape (check-live).
 * `item` is the element model of a generic CursorPage; `list` marks a top-level JSON array.
 */
export const FIXTURES = [
  { file: 'products_page.json', model: 'CursorPage', item: 'ProductListItem', live: '/api/products?size=2' },
  { file: 'product_detail.json', model: 'Product' },
  { file: 'categories.json', list: 'Category', live: '/api/categories' },
  { file: 'comments_page.json', model: 'CursorPage', item: 'Comment' },
  { file: 'public_profile.json', model: 'PublicProfile' },
  { file: 'my_profile.json', model: 'MyProfile' },
  { file: 'notifications_page.json', model: 'InboxPage' },
  { file: 'notification_settings.json', model: 'NotificationSettings' },
  { file: 'problem.json', model: 'Problem' },
  { file: 'notices_page.json', model: 'CursorPage', item: 'Notice', live: '/api/notices' },
  { file: 'chat_messages_page.json', model: 'CursorPage', item: 'ChatMessage' },
  { file: 'region.json', model: 'Region', live: '/api/regions/1168064000' },
  { file: 'regions_page.json', model: 'CursorPage', item: 'Region', live: '/api/regions?q=%EC%97%AD%EC%82%BC' },
  { file: 'reviews_page.json', model: 'CursorPage', item: 'ReceivedReview' },
  { file: 'blocks_page.json', model: 'CursorPage', item: 'BlockedUser' },
  { file: 'report.json', model: 'Report' },
  { file: 'chat_room.json', model: 'ChatRoom' },
];

function descendants(node, type, out = []) {
  if (node.type === type) out.push(node);
  for (const child of node.namedChildren) descendants(child, type, out);
  return out;
}

function ancestor(node, type, stop) {
  for (let n = node.parent; n && n !== stop; n = n.parent) if (n.type === type) return n;
  return null;
}

/** `json['key'] as T` → {key, cast}; null for any other type cast. */
function jsonAccess(castExpr) {
  const [target, selector, typeCast] = castExpr.namedChildren;
  if (!target || target.type !== 'identifier' || target.text !== 'json') return null;
  if (!selector || selector.type !== 'selector' || !typeCast || typeCast.type !== 'type_cast') return null;
  const index = descendants(selector, 'index_selector')[0];
  const literal = index && descendants(index, 'string_literal')[0];
  if (!literal) return null;
  const key = literal.text.replace(/^['"]|['"]$/g, '');
  const cast = typeCast.text.replace(/^as\s+/, '').replace(/\s+/g, '');
  return { key, cast };
}

/** Parses lib/models/*.dart; returns Map<className, {file, typeParams, fields: Map<key, field>}>. */
export function extractModels(parser, dir = join(appRoot, 'lib', 'models')) {
  const models = new Map();
  const files = readdirSync(dir).filter((n) => n.endsWith('.dart')).sort();
  // Enums with wire values, e.g. `onSale('ON_SALE')`, read through `Enum.parse(json['key'] as String)`.
  const enums = new Map();
  for (const name of files) {
    const tree = parser.parse(readFileSync(join(dir, name), 'utf8'));
    for (const e of descendants(tree.rootNode, 'enum_declaration')) {
      const enumName = e.childForFieldName('name')?.text;
      const wires = descendants(e, 'enum_constant').flatMap((c) =>
        descendants(c, 'string_literal').slice(0, 1).map((l) => l.text.replace(/^['"]|['"]$/g, '')));
      if (enumName && wires.length) enums.set(enumName, wires);
    }
  }
  const classes = new Map(); // className → {file, typeParams, fields, abstract, inherits}
  for (const name of files) {
    const tree = parser.parse(readFileSync(join(dir, name), 'utf8'));
    for (const cls of descendants(tree.rootNode, 'class_definition')) {
      const className = cls.childForFieldName('name')?.text;
      const body = cls.childForFieldName('body');
      if (!className || !body) continue;
      const typeParams = cls.namedChildren.some((c) => c.type === 'type_parameters');
      const abstract = cls.namedChildren.some((c) => c.type === 'abstract');
      const superclass = cls.namedChildren.find((c) => c.type === 'superclass')?.namedChildren[0]?.text ?? null;
      const members = body.namedChildren;
      for (let i = 0; i < members.length; i++) {
        if (!/^(factory\s+)?\w+\s*\.\s*fromJson\s*\(/.test(members[i].text)) continue;
        // The signature (with a generative constructor's initializer list) and the body, if any.
        const parts = members[i + 1]?.type === 'function_body' ? [members[i], members[i + 1]] : [members[i]];
        const inherits = descendants(members[i], 'initializer_list_entry').some((e) =>
          /^super\s*\.\s*fromJson\s*\(\s*json\s*\)$/.test(e.text))
          ? superclass
          : null;
        const fields = new Map();
        for (const part of parts) for (const castExpr of descendants(part, 'type_cast_expression')) {
          const access = jsonAccess(castExpr);
          if (!access) continue;
          // The expression that builds this field: a named argument of the constructor call, or a field
          // initializer of the initializer list.
          const scope = ancestor(castExpr, 'named_argument', part) ?? ancestor(castExpr, 'field_initializer', part) ?? castExpr;
          const nested = /\b([A-Z]\w*)\s*\.\s*fromJson\s*\(/.exec(scope.text)?.[1] ?? null;
          const nullable = access.cast.endsWith('?');
          const base = access.cast.replace(/\?$/, '');
          const kind = base.replace(/<.*$/, '');
          const format = new RegExp(`DateTime\\.(try)?[pP]arse\\(\\s*json\\['${access.key}'\\]`).test(scope.text)
            ? 'date-time'
            : null;
          const enumName = new RegExp(`\\b(\\w+)\\.parse\\(\\s*json\\['${access.key}'\\]`).exec(scope.text)?.[1];
          const field = {
            enumValues: enums.get(enumName) ?? null,
            key: access.key,
            cast: access.cast,
            kind,
            nullable,
            model: kind === 'List' || kind === 'Map' ? nested ?? (kind === 'List' && typeParams ? 'T' : null) : null,
            format,
          };
          const previous = fields.get(access.key);
          if (!previous || (previous.kind !== field.kind && field.kind)) fields.set(access.key, field);
        }
        classes.set(className, { file: name, typeParams, fields, abstract, inherits });
      }
    }
  }
  const keysOf = (className, seen = new Set()) => {
    const c = classes.get(className);
    if (!c || seen.has(className)) return new Map();
    seen.add(className);
    return new Map([...(c.inherits ? keysOf(c.inherits, seen) : []), ...c.fields]);
  };
  for (const [className, c] of classes) {
    if (!c.abstract) models.set(className, { file: c.file, typeParams: c.typeParams, fields: keysOf(className) });
  }
  return models;
}

const jsonType = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Checks `value` against model `name`; returns problems as strings and records, per key path, the
 * JSON type seen (`types`), so two documents of one model can be compared.
 * mode 'fixture': every key a model reads must be present (nullable ones may be null);
 * mode 'live': a nullable key may also be absent (services omit nulls in some bodies).
 */
export function checkModel(models, name, value, { path = '$', item = null, mode = 'fixture', types = new Map() } = {}) {
  const problems = [];
  const model = models.get(name);
  if (!model) return { problems: [`${path}: no model ${name} with a fromJson factory in lib/models`], types };
  if (jsonType(value) !== 'object') return { problems: [`${path}: expected an object for ${name}, got ${jsonType(value)}`], types };
  for (const field of model.fields.values()) {
    const at = `${path}.${field.key}`;
    const v = value[field.key];
    if (v === undefined) {
      if (!field.nullable || mode === 'fixture') problems.push(`${at}: missing (${name} reads it as ${field.cast})`);
      continue;
    }
    if (v === null) {
      if (!field.nullable) problems.push(`${at}: null, but ${name} reads it as ${field.cast}`);
      continue;
    }
    types.set(at.replace(/\[\d+\]/g, '[]'), jsonType(v));
    const expect = (ok, what) => {
      if (!ok) problems.push(`${at}: ${what}, got ${jsonType(v)} ${JSON.stringify(v).slice(0, 40)} (${name} reads ${field.cast})`);
    };
    switch (field.kind) {
      case 'int':
        expect(Number.isInteger(v), 'expected an integer');
        break;
      case 'num':
        expect(typeof v === 'number', 'expected a number');
        break;
      case 'double':
        problems.push(`${at}: ${name} casts it 'as double', which throws for JSON integers in Dart; use (… as num).toDouble()`);
        break;
      case 'String':
        expect(typeof v === 'string', 'expected a string');
        if (typeof v === 'string' && field.enumValues) {
          expect(field.enumValues.includes(v), `expected one of ${field.enumValues.join('|')}`);
        }
        if (typeof v === 'string' && field.format === 'date-time') {
          expect(ISO_WITH_OFFSET.test(v) && !Number.isNaN(Date.parse(v)), 'expected ISO-8601 with offset');
        }
        break;
      case 'bool':
        expect(typeof v === 'boolean', 'expected a boolean');
        break;
      case 'List': {
        expect(Array.isArray(v), 'expected an array');
        const element = field.model === 'T' ? item : field.model;
        if (Array.isArray(v) && element) {
          v.forEach((e, i) => problems.push(...checkModel(models, element, e, { path: `${at}[${i}]`, mode, types }).problems));
        }
        break;
      }
      case 'Map':
        expect(jsonType(v) === 'object', 'expected an object');
        if (jsonType(v) === 'object' && field.model) {
          problems.push(...checkModel(models, field.model, v, { path: at, mode, types }).problems);
        }
        break;
      default:
        problems.push(`${at}: ${name} casts it as ${field.cast}, which this check does not know`);
    }
  }
  return { problems, types };
}

/** Checks a document against a FIXTURES entry (a model, a generic page, or a top-level list). */
export function checkDocument(models, entry, doc, options = {}) {
  if (entry.list) {
    const types = new Map();
    if (!Array.isArray(doc)) return { problems: [`$: expected an array of ${entry.list}`], types };
    const problems = doc.flatMap((e, i) => checkModel(models, entry.list, e, { ...options, path: `$[${i}]`, types }).problems);
    return { problems, types };
  }
  return checkModel(models, entry.model, doc, { ...options, item: entry.item ?? null });
}

/** Models reached from a FIXTURES entry, for the coverage check. */
export function modelsReached(models, entry, seen = new Set()) {
  const visit = (name) => {
    if (!name || name === 'T' || seen.has(name) || !models.has(name)) return;
    seen.add(name);
    for (const f of models.get(name).fields.values()) visit(f.model === 'T' ? entry.item : f.model);
  };
  visit(entry.list ?? entry.model);
  visit(entry.item);
  return seen;
}
