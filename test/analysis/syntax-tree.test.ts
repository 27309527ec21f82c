// The JS-side syntax tree (src/analysis/syntax-tree.ts) against web-tree-sitter itself, node by node: on real
// standard-library files, on text with tabs, CRLF, non-ASCII and astral characters, and on broken copies of them
// (ERROR and MISSING nodes). nodesOfTypes is checked against the tree-sitter query it stands for.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { Language, type Node, Parser, Query } from 'web-tree-sitter';
import { initParser, parsePython } from '../../src/analysis/parser.ts';
import type { SyntaxNode, SyntaxTree } from '../../src/analysis/syntax-tree.ts';

const STDLIB = execFileSync('python3', ['-c', "import sysconfig;print(sysconfig.get_paths()['stdlib'])"], {
  encoding: 'utf8',
}).trim();
const FILES = ['base64.py', 'textwrap.py', 'urllib/request.py', 'email/_header_value_parser.py', 'unicodedata.py']
  .map((name) => join(STDLIB, name))
  .filter((path) => {
    try {
      readFileSync(path);
      return true;
    } catch {
      return false;
    }
  });

const ODD_TEXT = [
  'def f(x):\r\n\treturn "é😀" + x  # ünïcode 😀\r\n\r\nclass C:\r\n    """doc"""\r\n    y = f("\\t")\n',
  'x = "日本語"; y = 𝔣(1)\n\tif x:\n\t\tprint(x, end="\\r")\r',
  '',
  '\n\n',
  'print "python 2"\nexec "code"\n',
  '"""module docstring"""\n"a" "b"\nf"{x}"\n("in parens")\n',
];

/** Deterministic damage: truncations and deleted characters, so that trees hold ERROR and MISSING nodes. */
function broken(text: string, seed: number): string[] {
  let state = seed;
  const next = (limit: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % Math.max(1, limit);
  };
  const copies = [text.slice(0, next(text.length)), text.slice(next(text.length))];
  let damaged = text;
  for (let i = 0; i < 12; i++) {
    const at = next(damaged.length);
    damaged = damaged.slice(0, at) + damaged.slice(at + 1 + next(3));
  }
  copies.push(damaged);
  return copies;
}

let reference: Parser;
let language: Language;

function compareNodes(expected: Node, actual: SyntaxNode, fieldNames: string[], where: string): void {
  assert.equal(actual.type, expected.type, `${where}: type`);
  assert.equal(actual.startIndex, expected.startIndex, `${where}: startIndex`);
  assert.equal(actual.endIndex, expected.endIndex, `${where}: endIndex`);
  assert.deepEqual(actual.startPosition, expected.startPosition, `${where}: startPosition`);
  assert.equal(actual.text, expected.text, `${where}: text`);
  assert.equal(actual.isNamed, expected.isNamed, `${where}: isNamed`);
  assert.equal(actual.parent?.startIndex, expected.parent?.startIndex, `${where}: parent`);
  assert.equal(actual.parent?.type, expected.parent?.type, `${where}: parent type`);
  assert.equal(actual.children.length, expected.childCount, `${where}: children`);
  assert.equal(actual.namedChildCount, expected.namedChildCount, `${where}: namedChildCount`);
  const named = actual.namedChildren;
  assert.equal(named.length, expected.namedChildCount, `${where}: namedChildren`);
  named.forEach((child, i) => {
    assert.equal(child.id, actual.namedChild(i)?.id, `${where}: namedChild(${i})`);
    assert.equal(child.startIndex, expected.namedChild(i)?.startIndex, `${where}: named child ${i}`);
  });
  for (const field of fieldNames) {
    const want = expected.childForFieldName(field);
    const got = actual.childForFieldName(field);
    assert.equal(got?.startIndex, want?.startIndex, `${where}: field ${field}`);
    assert.equal(got?.type, want?.type, `${where}: field ${field} type`);
  }
}

/** Walks both trees in pre-order; the SyntaxTree's ids are that order. */
function compareTrees(text: string, label: string): SyntaxTree {
  const ours = parsePython(text).tree;
  assert.ok(ours, `${label}: parsed`);
  const theirs = reference.parse(text)!;
  try {
    assert.equal(ours.hasError, theirs.rootNode.hasError, `${label}: hasError`);
    const fieldNames = language.fields.filter((name): name is string => !!name);
    const cursor = theirs.walk();
    let index = 0;
    for (;;) {
      const expected = cursor.currentNode;
      compareNodes(expected, ours.node(index)!, fieldNames, `${label} node ${index} (${expected.type})`);
      index++;
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) break;
      if (cursor.nodeId === theirs.rootNode.id) break;
    }
    cursor.delete();
    assert.equal(index, ours.size, `${label}: node count`);
    for (const type of ['call', 'string', 'identifier', 'ERROR']) {
      const want = theirs.rootNode.descendantsOfType(type).map((node) => node!.startIndex);
      assert.deepEqual(
        ours.rootNode.descendantsOfType(type).map((node) => node.startIndex),
        want,
        `${label}: descendantsOfType(${type})`,
      );
    }
    for (let at = 0; at < text.length; at += Math.max(1, Math.floor(text.length / 50))) {
      const want = theirs.rootNode.descendantForIndex(at)!;
      const got: SyntaxNode = ours.rootNode.descendantForIndex(at);
      assert.deepEqual([got.type, got.startIndex], [want.type, want.startIndex], `${label}: descendantForIndex(${at})`);
    }
    return ours;
  } finally {
    theirs.delete();
  }
}

const TYPES = new Set(['call', 'string', 'concatenated_string', 'assignment', 'function_definition', 'identifier']);

/** What the analysis used a tree-sitter query for: the nodes of some types, and strings that are whole statements. */
function queried(text: string): { nodes: [string, number, number][]; docstrings: number[] } {
  const query = new Query(
    language,
    `[${[...TYPES].map((type) => `(${type})`).join(' ')}] @node (expression_statement . [(string) (concatenated_string)] @docstring .)`,
  );
  const tree = reference.parse(text)!;
  try {
    const nodes: [string, number, number][] = [];
    const docstrings: number[] = [];
    for (const capture of query.captures(tree.rootNode)) {
      if (capture.name === 'docstring') docstrings.push(capture.node.startIndex);
      else nodes.push([capture.node.type, capture.node.startIndex, capture.node.endIndex]);
    }
    nodes.sort((a, b) => a[1] - b[1] || b[2] - a[2]);
    return { nodes, docstrings: [...new Set(docstrings)] };
  } finally {
    tree.delete();
    query.delete();
  }
}

describe('SyntaxTree mirrors web-tree-sitter', () => {
  const inputs: [string, string][] = [];
  before(async () => {
    await initParser();
    const require = createRequire(import.meta.url);
    language = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
    reference = new Parser();
    reference.setLanguage(language);
    const add = (label: string, text: string, seed: number): void => {
      inputs.push([label, text]);
      for (const [j, copy] of broken(text, seed).entries()) inputs.push([`${label} broken ${j}`, copy]);
    };
    for (const [i, text] of ODD_TEXT.entries()) add(`odd text ${i}`, text, 100 + i);
    for (const [i, path] of FILES.entries()) add(path, readFileSync(path, 'utf8'), i + 1);
  });

  test('the standard library files are there to compare on', () => {
    assert.ok(FILES.length >= 4, `${FILES.length} files`);
  });

  test('every node: type, range, position, text, parent, children and fields', () => {
    let errors = 0;
    for (const [label, text] of inputs) if (compareTrees(text, label).hasError) errors++;
    assert.ok(errors >= 5, `${errors} inputs with syntax errors were compared`);
  });

  test('nodesOfTypes finds what a tree-sitter query finds, in the same order', () => {
    let inErrors = 0;
    for (const [label, text] of inputs) {
      const tree = parsePython(text).tree!;
      const { nodes, docstrings } = tree.nodesOfTypes(TYPES);
      inErrors += nodes.filter((node) => node.parent?.type === 'ERROR').length;
      const want = queried(text);
      assert.deepEqual(
        nodes.map((node) => [node.type, node.startIndex, node.endIndex]),
        want.nodes,
        `${label}: nodes`,
      );
      assert.deepEqual(
        [...docstrings].sort((a, b) => a - b),
        want.docstrings.sort((a, b) => a - b),
        `${label}: docstrings`,
      );
    }
    assert.ok(inErrors > 0, `${inErrors} nodes inside ERROR nodes compared`);
  });
});
