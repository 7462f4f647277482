// Russian counts for the UI: «1 организация», «3 организации», «5 организаций», and «3 012» with the
// thousands grouped (Intl's ru locale leaves four-digit numbers ungrouped in some browsers).

const rules = new Intl.PluralRules('ru');

/** The forms for 1, 3 and 5: ['организация', 'организации', 'организаций']. */
export type PluralForms = readonly [one: string, few: string, many: string];

export function pluralWord(n: number, forms: PluralForms): string {
  switch (rules.select(n)) {
    case 'one':
      return forms[0];
    case 'few':
      return forms[1];
    case 'many':
      return forms[2];
    default:
      // Fractions ('other'): «1,5 организации» takes the genitive singular, as 'few' does.
      return forms[1];
  }
}

/** «3 организации», the number grouped like formatCount. */
export function plural(n: number, forms: PluralForms): string {
  return `${formatCount(n)} ${pluralWord(n, forms)}`;
}

const NBSP = '\u00a0';

/** 3012 → «3 012» (no-break space between groups, so the number never wraps). */
export function formatCount(n: number): string {
  const sign = n < 0 ? '-' : '';
  const [whole = '0', fraction] = Math.abs(n).toString().split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return fraction ? `${sign}${grouped},${fraction}` : `${sign}${grouped}`;
}
