/**
 * Test support: the text of a PDF as a reader would search it (unpdf, i.e. PDF.js), for the tests of the
 * quote document, its API and the browser journey. Every run of white space (line breaks, no-break spaces
 * from Intl's money formats) becomes one space, so a test can look for "CHF 1,234.50" or a sentence whole.
 */

import { extractText } from 'unpdf';

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Each page's text, white space squashed. */
export async function pdfPageTexts(pdf: Uint8Array): Promise<string[]> {
  // PDF.js takes the bytes over (detaches the buffer): hand it a copy, the caller keeps the PDF.
  const { text } = await extractText(new Uint8Array(pdf), { mergePages: false });
  return text.map(squash);
}

/** The whole document's text, pages in order, white space squashed. */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  return (await pdfPageTexts(pdf)).join(' ');
}
