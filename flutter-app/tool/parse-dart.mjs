// Parses every .dart file under lib/ and test/ with the tree-sitter Dart grammar and fails on any
// ERROR or MISSING node. `--self-test` first proves the grammar is Dart and that broken code fails.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadDart, problemsOf } from './dart-grammar.mjs';

const root = new URL('..', import.meta.url).pathname;

function dartFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...dartFiles(path));
    else if (name.endsWith('.dart')) out.push(path);
  }
  return out.sort();
}

const parser = await loadDart();

if (process.argv.includes('--self-test')) {
  const good = `import 'package:x/y.dart';
sealed class Shape {}
class Circle extends Shape { Circle(this.r); final double r; }
enum Status { onSale('ON_SALE'); const Status(this.wire); final String wire; }
String describe(Object o) => switch (o) { Circle(r: final r) when r > 0 => 'circle', _ => '?' };
Future<void> main() async { final (a, b) = (1, 'x'); for (final (i, s) in [(a, b)]) { print('$i \${s.length}'); } }`;
  const broken = {
    'unclosed block': 'class A { void f() { print(1); }',
    'missing semicolon': 'void f() { final x = 1 print(x); }',
    'stray token': 'class A { int x = ; }',
  };
  let failures = 0;
  const goodProblems = problemsOf(parser.parse(good));
  if (goodProblems.length) {
    console.error('self-test: valid Dart 3 snippet reported problems:', goodProblems);
    failures++;
  }
  const root = parser.parse(good).rootNode;
  const kinds = new Set(root.namedChildren.map((n) => n.type));
  for (const expected of ['import_or_export', 'class_definition', 'enum_declaration']) {
    if (!kinds.has(expected)) {
      console.error(`self-test: grammar is not Dart? no ${expected} node (got ${[...kinds].join(', ')})`);
      failures++;
    }
  }
  for (const [name, src] of Object.entries(broken)) {
    if (problemsOf(parser.parse(src)).length === 0) {
      console.error(`self-test: broken snippet (${name}) parsed without error`);
      failures++;
    }
  }
  if (failures) process.exit(1);
  console.log(`self-test: grammar is Dart (ABI ${parser.language.abiVersion}), valid snippet clean, ${Object.keys(broken).length} broken snippets rejected`);
  process.exit(0);
}

const files = [...dartFiles(join(root, 'lib')), ...dartFiles(join(root, 'test'))];
if (files.length === 0) {
  console.error('no .dart files found under lib/ and test/');
  process.exit(1);
}
let bad = 0;
for (const file of files) {
  const problems = problemsOf(parser.parse(readFileSync(file, 'utf8')));
  if (problems.length) {
    bad++;
    for (const p of problems.slice(0, 5)) console.error(`${relative(root, file)}:${p.row}:${p.column}: ${p.kind} ${p.text}`);
  }
}
console.log(`parse: ${files.length - bad} passed, ${bad} failed`);
process.exit(bad ? 1 : 0);
