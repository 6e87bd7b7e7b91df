/**
 * The contract names every tab once (sheets-templates/contract.ts). Anywhere else in the domain a tab's name
 * comes from the contract (TAB_NAME, tabOf, placeOf), so renaming a tab, or adding one, is a change to the
 * contract alone. This test reads every string and template literal of src/domain with the TypeScript scanner.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import { contract } from '../../sheets-templates/contract';

const DOMAIN = join(__dirname, '../../src/domain');

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []
  );

const LITERALS = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
]);

/** Every literal's text in a file, with its line, template pieces included. */
function literalsOf(path: string): { text: string; line: number }[] {
  const text = readFileSync(path, 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: { text: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (LITERALS.has(node.kind)) {
      const literal = node as ts.LiteralLikeNode;
      found.push({ text: literal.text, line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** 設定 is also the everyday word for "set": 未設定, 設定されて, 設定して are not the tab. */
const isWordNotTab = (text: string, at: number, name: string): boolean =>
  name === '設定' && (text[at - 1] === '未' || /^[さしすせ済]/.test(text.slice(at + name.length)));

function tabNamesIn(text: string): string[] {
  return [...contract.tabs.map(t => t.name), contract.dashboard.name].filter(name => {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) if (!isWordNotTab(text, at, name)) return true;
    return false;
  });
}

test('no tab name of the contract is written as a string literal in src/domain: each comes from the contract', () => {
  const offenders = sources(DOMAIN).flatMap(path =>
    literalsOf(path).flatMap(({ text, line }) => tabNamesIn(text).map(name => `${relative(DOMAIN, path)}:${line} 「${name}」`))
  );
  expect(offenders).toEqual([]);
});

test('the scanner finds a tab name in a literal, a template piece, and not in the word 未設定', () => {
  expect(tabNamesIn('案件台帳にありません')).toEqual(['案件台帳']);
  expect(tabNamesIn('の付録 PD稼働記録（')).toEqual(['PD稼働記録']);
  expect(tabNamesIn('（開始日未設定）')).toEqual([]);
  expect(tabNamesIn('設定「許可ドメイン」')).toEqual(['設定']);
});
