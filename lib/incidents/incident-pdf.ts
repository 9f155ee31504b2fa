/**
 * Lays out a printed incident (IncidentPrintData) as an A4 PDF with pdf-lib: headings, labelled facts,
 * the text wrapped to the page width and continued over as many pages as it needs, and a footer with
 * the printer, date and protective marking on every page. Uses the standard Helvetica fonts, so nothing
 * is embedded and the file stays small; characters those fonts cannot encode are replaced, never dropped
 * silently (a "?" shows the reader something was there).
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import type { IncidentPrintData } from './incident-print';

const PAGE = { width: 595.28, height: 841.89 } as const; // A4 in points
const MARGIN = 56;
const FOOTER_SPACE = 40;
const BODY_SIZE = 10.5;
const LINE_GAP = 1.35;
const GREY = rgb(0.3, 0.3, 0.3);

interface Fonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
}

/** Replaces what the font cannot encode (WinAnsi) so drawing never throws on a pupil's name or emoji. */
function encodable(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet());
  return [...text]
    .map((character) => {
      if (character === '\t') return '    ';
      const code = character.codePointAt(0) ?? 0;
      return supported.has(code) ? character : '?';
    })
    .join('');
}

/** Breaks one paragraph into lines no wider than the width, splitting over-long words as a last resort. */
export function wrapParagraph(font: PDFFont, size: number, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  const fits = (candidate: string) => font.widthOfTextAtSize(candidate, size) <= width;
  for (const word of text.split(/ +/)) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    let rest = word;
    while (!fits(rest)) {
      let cut = rest.length - 1;
      while (cut > 1 && !fits(rest.slice(0, cut))) cut -= 1;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  lines.push(line);
  return lines;
}

/** A cursor down the pages: each write moves it, and a line that would not fit starts a new page. */
class Writer {
  private page: PDFPage;
  private y: number;

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Fonts,
  ) {
    this.page = this.newPage();
    this.y = PAGE.height - MARGIN;
  }

  private newPage(): PDFPage {
    return this.doc.addPage([PAGE.width, PAGE.height]);
  }

  private ensure(height: number): void {
    if (this.y - height < MARGIN + FOOTER_SPACE) {
      this.page = this.newPage();
      this.y = PAGE.height - MARGIN;
    }
  }

  gap(points: number): void {
    this.y -= points;
  }

  text(value: string, options: { size?: number; bold?: boolean; indent?: number; grey?: boolean } = {}) {
    const size = options.size ?? BODY_SIZE;
    const font = options.bold ? this.fonts.bold : this.fonts.regular;
    const indent = options.indent ?? 0;
    const width = PAGE.width - 2 * MARGIN - indent;
    for (const paragraph of encodable(font, value).split(/\r?\n/)) {
      for (const line of wrapParagraph(font, size, paragraph, width)) {
        const height = size * LINE_GAP;
        this.ensure(height);
        this.y -= height;
        this.page.drawText(line, {
          x: MARGIN + indent,
          y: this.y,
          size,
          font,
          color: options.grey ? GREY : rgb(0, 0, 0),
        });
      }
    }
  }

  /** "Label: value" with the label in bold; the value wraps under itself. */
  fact(label: string, value: string): void {
    this.text(label, { bold: true, size: 9, grey: true });
    this.text(value === '' ? 'None' : value, { indent: 0 });
    this.gap(4);
  }

  heading(value: string): void {
    this.gap(8);
    this.ensure(30);
    this.text(value, { bold: true, size: 13 });
    this.gap(4);
  }
}

function drawFooters(doc: PDFDocument, fonts: Fonts, footer: string): void {
  const pages = doc.getPages();
  const text = encodable(fonts.regular, footer);
  pages.forEach((page, index) => {
    page.drawText(text, { x: MARGIN, y: MARGIN / 2, size: 8, font: fonts.regular, color: GREY });
    const numbering = `Page ${index + 1} of ${pages.length}`;
    page.drawText(numbering, {
      x: PAGE.width - MARGIN - fonts.regular.widthOfTextAtSize(numbering, 8),
      y: MARGIN / 2,
      size: 8,
      font: fonts.regular,
      color: GREY,
    });
  });
}

export async function renderIncidentPdf(data: IncidentPrintData, printedAt: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${data.title} – ${data.schoolName}`);
  doc.setSubject('Safeguarding incident record (OFFICIAL-SENSITIVE)');
  doc.setCreator('Lantern');
  doc.setProducer('Lantern');
  doc.setCreationDate(printedAt);
  doc.setModificationDate(printedAt);
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
  const writer = new Writer(doc, fonts);

  writer.text('OFFICIAL-SENSITIVE', { bold: true, size: 9, grey: true });
  writer.text(data.schoolName, { size: 11 });
  writer.gap(6);
  writer.text(data.title, { bold: true, size: 18 });
  if (data.training) writer.text('Recorded in training mode', { bold: true });
  writer.gap(8);

  writer.fact('Pupils', data.pupils.join('\n'));
  writer.fact('Date and time', data.occurredAt);
  writer.fact('Recorded by', `${data.recordedBy}, ${data.recordedAt}`);
  writer.fact('Status', data.assignedTo ? `${data.status}, assigned to ${data.assignedTo}` : data.status);
  writer.fact('Categories', data.categories.join(', '));
  writer.fact('Agencies involved', data.agencies.join(', '));
  writer.fact('Referral decision', data.referral ?? 'Not recorded');

  writer.heading('What happened');
  writer.text(data.text);

  if (data.bodyMap.length > 0) {
    writer.heading('Body map');
    for (const marker of data.bodyMap) writer.text(marker);
  }

  writer.heading(data.actions.length === 0 ? 'Actions: none recorded' : 'Actions');
  data.actions.forEach((action, index) => {
    if (index > 0) writer.gap(8);
    writer.text(`${index + 1}. ${action.heading}`, { bold: true });
    if (action.categories.length > 0) {
      writer.text(`Categories: ${action.categories.join(', ')}`, { grey: true, indent: 14 });
    }
    if (action.agencies.length > 0) {
      writer.text(`Agencies: ${action.agencies.join(', ')}`, { grey: true, indent: 14 });
    }
    writer.text(action.text, { indent: 14 });
  });

  drawFooters(doc, fonts, data.footer);
  return doc.save();
}
