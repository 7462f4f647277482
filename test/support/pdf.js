// What a PDF says, for tests: the text of each page (PDF.js through unpdf) and each page's size.
import { extractText, getDocumentProxy } from 'unpdf';
export async function readPdf(bytes) {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    const { text } = await extractText(pdf, { mergePages: false });
    const sizes = [];
    for (let i = 1; i <= pdf.numPages; i++) {
        const [, , width, height] = (await pdf.getPage(i)).view;
        sizes.push({ width, height });
    }
    // PDF.js splits a line into pieces where the font or position changes: spaces made uniform.
    const pages = text.map((t) => t.replace(/\s+/g, ' '));
    return { pages, text: pages.join('\n'), sizes };
}
//# sourceMappingURL=pdf.js.map