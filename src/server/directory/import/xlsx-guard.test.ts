// The worksheet counter of the XLSX guard: rows that hold a value and cells, whatever the XML's
// namespace prefix, however the stream is cut into chunks.
import { describe, expect, it } from 'vitest';
import { SheetCounter } from './xlsx-guard.js';

const SHEET =
  '<x:worksheet xmlns:x="m"><x:cols><x:col min="1" max="3"/></x:cols><x:sheetData>' +
  '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" s="2"/></x:row>' +
  '<x:row r="2" spans="1:3"/>' + // no cells: not a row with values
  '<x:row r="3"><x:c r="A3" s="1"/><x:c r="C3" s="1"/></x:row>' + // styled, empty
  '<x:row r="4"><x:c r="A4" t="inlineStr"><x:is><x:t>&lt;row&gt; в тексте</x:t></x:is></x:c></x:row>' +
  '<x:row r="5"><x:c r="A5"><x:f>A1+1</x:f><x:v>1</x:v></x:c></x:row>' +
  '</x:sheetData><x:rowBreaks count="1"><x:brk id="3"/></x:rowBreaks></x:worksheet>';

function count(xml: string, cuts: number[]) {
  const counter = new SheetCounter();
  let from = 0;
  for (const cut of [...cuts, xml.length]) {
    counter.feed(Buffer.from(xml.slice(from, cut), 'latin1'));
    from = cut;
  }
  counter.end();
  return { rows: counter.rows, cells: counter.cells };
}

describe('SheetCounter', () => {
  it('counts rows with a value and every cell, with or without a namespace prefix', () => {
    expect(count(SHEET, [])).toEqual({ rows: 3, cells: 6 });
    expect(count(SHEET.replaceAll('x:', ''), [])).toEqual({ rows: 3, cells: 6 });
  });

  it('gives the same counts wherever the stream is cut', () => {
    for (let cut = 1; cut < SHEET.length; cut++) {
      expect(count(SHEET, [cut])).toEqual({ rows: 3, cells: 6 });
    }
    const everyByte = Array.from({ length: SHEET.length - 1 }, (_, i) => i + 1);
    expect(count(SHEET, everyByte)).toEqual({ rows: 3, cells: 6 });
  });

  it('does not keep a long text without tags', () => {
    const counter = new SheetCounter();
    const text = Buffer.from('a'.repeat(1_000_000), 'latin1');
    for (let i = 0; i < 20; i++) counter.feed(text);
    expect((counter as unknown as { carry: string }).carry.length).toBeLessThan(300);
  });
});
