// A list of participants uploaded as a file: any text (one code a line, a CSV export, a pasted
// table) from which the 6-digit organization codes are picked out in the browser, before sending.

/** The distinct 6-digit codes in the text, in the order they first appear. Longer numbers are not codes. */
export function extractOrganizationCodes(text: string): string[] {
  return [...new Set(text.match(/(?<!\d)\d{6}(?!\d)/g) ?? [])];
}
