/**
 * The worksheet edits upgrade makes (src/local/xlsxPackage.ts) on SpreadsheetML as other writers lay it out:
 * a prefixed document, an empty or self-closing row 1, no row 1 at all, a hidden range of columns.
 */
import { appendHeaderCells, appendRows, setColumnWidths, usedExtent, widenDimension } from '../../src/local/xlsxPackage';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const sheet = (data: string, before = ''): string => `<worksheet xmlns="${NS}">${before}<sheetData>${data}</sheetData></worksheet>`;

test('header cells go at the end of row 1 with the style of its last cell, and spans (a hint) is dropped', () => {
  const xml = sheet(
    '<row r="1" spans="1:2"><c r="A1" s="3" t="s"><v>0</v></c><c r="B1" s="4" t="s"><v>1</v></c></row><row r="2"><c r="A2"><v>5</v></c></row>'
  );
  const out = appendHeaderCells(xml, [{ column: 4, text: '資料URL' }]);
  expect(out).toContain(
    '<row r="1"><c r="A1" s="3" t="s"><v>0</v></c><c r="B1" s="4" t="s"><v>1</v></c><c r="D1" s="4" t="inlineStr"><is><t>資料URL</t></is></c></row>'
  );
});

test('a self-closing row 1, a missing row 1 and an empty sheetData each get the header row in the right place', () => {
  expect(appendHeaderCells(sheet('<row r="1"/>'), [{ column: 1, text: 'a' }])).toContain(
    '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
  );
  expect(appendHeaderCells(sheet('<row r="2"><c r="A2"><v>1</v></c></row>'), [{ column: 1, text: 'a' }])).toMatch(
    /<sheetData><row r="1">.*<\/row><row r="2">/
  );
  expect(appendHeaderCells(`<worksheet xmlns="${NS}"><sheetData/></worksheet>`, [{ column: 2, text: 'b&c' }])).toContain(
    '<sheetData><row r="1"><c r="B1" t="inlineStr"><is><t>b&amp;c</t></is></c></row></sheetData>'
  );
});

test('a document written with a prefix (x:) gets prefixed elements', () => {
  const xml = `<x:worksheet xmlns:x="${NS}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
  const out = appendHeaderCells(xml, [{ column: 2, text: 'b' }]);
  expect(out).toContain('<x:c r="B1" t="inlineStr"><x:is><x:t>b</x:t></x:is></x:c></x:row>');
  expect(setColumnWidths(out, [{ column: 2, width: 20 }])).toContain(
    '<x:cols><x:col min="2" max="2" width="20" customWidth="1"/></x:cols><x:sheetData>'
  );
});

test('a hidden range covering a new column is split around it, the rest keeping its settings', () => {
  const xml = sheet('', '<cols><col min="1" max="3" width="9"/><col min="4" max="16384" hidden="1" width="9"/></cols>');
  const out = setColumnWidths(xml, [{ column: 4, width: 24 }]);
  expect(out).toContain(
    '<cols><col min="1" max="3" width="9"/><col min="4" max="4" width="24" customWidth="1"/><col min="5" max="16384" hidden="1" width="9"/></cols>'
  );
});

test('the used extent counts cells with a value or formula and merges over row 1; rows follow the last row', () => {
  const xml = sheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" s="2"/></row><row r="7"><c r="E7"><f>1+1</f></c></row>', '').replace(
    '</sheetData>',
    '</sheetData><mergeCells count="1"><mergeCell ref="F1:H1"/></mergeCells>'
  );
  expect(usedExtent(xml)).toEqual({ lastRow: 7, lastColumn: 5, headerRight: 8 });
  const rows = appendRows(xml, 8, [
    [
      { column: 2, value: 5 },
      { column: 1, value: 'x' },
    ],
  ]);
  expect(rows).toContain('<row r="8"><c r="A8" t="inlineStr"><is><t>x</t></is></c><c r="B8"><v>5</v></c></row></sheetData>');
  expect(widenDimension('<dimension ref="A1:C7"/>', 10, 8)).toBe('<dimension ref="A1:J8"/>');
});
