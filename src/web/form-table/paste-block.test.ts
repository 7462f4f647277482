// Spreadsheet clipboard text → lines and cells.
import { describe, expect, it } from 'vitest';
import { parseClipboardBlock } from './paste-block.js';

describe('parseClipboardBlock', () => {
  it('leaves a plain value to the browser', () => {
    expect(parseClipboardBlock('1 234,5')).toBeNull();
  });

  it('reads a block copied from Excel, with its final line break', () => {
    expect(parseClipboardBlock('1\t2\t3\r\n4\t\t6\r\n')).toEqual([
      ['1', '2', '3'],
      ['4', '', '6'],
    ]);
  });

  it('reads one cell copied with its line break, and a column', () => {
    expect(parseClipboardBlock('12\r\n')).toEqual([['12']]);
    expect(parseClipboardBlock('да\nнет\nда')).toEqual([['да'], ['нет'], ['да']]);
  });

  it('keeps quoted cells whole, line breaks and doubled quotes included', () => {
    expect(parseClipboardBlock('"Иванова\nА. А."\t"ООО ""Ромашка"""\r\n')).toEqual([
      ['Иванова\nА. А.', 'ООО "Ромашка"'],
    ]);
  });

  it('takes a cell that only starts with a quote as it is', () => {
    expect(parseClipboardBlock('"5 класс\t7\n')).toEqual([['"5 класс', '7']]);
  });
});
