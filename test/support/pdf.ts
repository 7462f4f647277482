// What a PDF says, for tests: the text of each page (PDF.js through unpdf) and each page's size.
import { extractText, getDocumentProxy } from 'unpdf';

export async function readPdf(bytes: ArrayBuffer | Uint8Array) {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  const sizes: { width: number; height: number }[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const [, , width, height] = (await pdf.getPage(i)).view as [number, number, number, number];
    sizes.push({ width, height });
  }
  // PDF.js splits a line into pieces where the font or position changes: spaces made uniform.
  const pages = text.map((t) => t.replace(/\s+/g, ' '));
  return { pages, text: pages.join('\n'), sizes };
}
