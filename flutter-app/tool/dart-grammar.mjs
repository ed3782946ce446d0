// The Dart grammar from tree-sitter-wasms, loaded with web-tree-sitter 0.25 (the last line that
// reads the wasm's legacy `dylink` section; 0.26+ cannot, 0.20–0.22 reject its ABI 15).
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';

const require = createRequire(import.meta.url);

export async function loadDart() {
  await Parser.init();
  const wasm = require.resolve('tree-sitter-wasms/out/tree-sitter-dart.wasm');
  const language = await Language.load(wasm);
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/** Every ERROR and MISSING node of a tree, with its position (1-based row and column). */
export function problemsOf(tree) {
  const out = [];
  const walk = (node) => {
    if (node.isError || node.isMissing) {
      out.push({
        kind: node.isMissing ? `MISSING ${node.type}` : 'ERROR',
        row: node.startPosition.row + 1,
        column: node.startPosition.column + 1,
        text: JSON.stringify(node.text.slice(0, 60)),
      });
      if (node.isError) return;
    }
    if (!node.hasError && !node.isMissing) return;
    for (const child of node.children) walk(child);
  };
  walk(tree.rootNode);
  if (tree.rootNode.hasError && out.length === 0) out.push({ kind: 'ERROR', row: 1, column: 1, text: '"(somewhere)"' });
  return out;
}
