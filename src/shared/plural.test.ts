import { describe, expect, it } from 'vitest';
import { formatCount, type PluralForms, plural, pluralWord } from './plural.js';

const ORGANIZATIONS: PluralForms = ['организация', 'организации', 'организаций'];

describe('pluralWord', () => {
  it.each([
    [1, 'организация'],
    [2, 'организации'],
    [4, 'организации'],
    [5, 'организаций'],
    [11, 'организаций'],
    [12, 'организаций'],
    [14, 'организаций'],
    [21, 'организация'],
    [22, 'организации'],
    [25, 'организаций'],
    [101, 'организация'],
    [111, 'организаций'],
    [0, 'организаций'],
    [1.5, 'организации'],
  ])('%d → %s', (n, word) => {
    expect(pluralWord(n, ORGANIZATIONS)).toBe(word);
  });
});

describe('formatCount', () => {
  it('groups thousands with a no-break space, four-digit numbers included', () => {
    expect(formatCount(7)).toBe('7');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(3012)).toBe('3\u00a0012');
    expect(formatCount(1234567)).toBe('1\u00a0234\u00a0567');
    expect(formatCount(-4500)).toBe('-4\u00a0500');
  });

  it('writes a decimal comma', () => {
    expect(formatCount(1.5)).toBe('1,5');
  });
});

describe('plural', () => {
  it('puts the count before the word', () => {
    expect(plural(3012, ORGANIZATIONS)).toBe('3\u00a0012 организаций');
    expect(plural(21, ORGANIZATIONS)).toBe('21 организация');
  });
});
