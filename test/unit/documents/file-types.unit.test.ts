/** The vault's allow-list: declared name and type must agree, and the first bytes must be the type's. */
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { UploadRejectedError } from '../../../lib/documents/document-errors';
import { decideFileType, fileTypeById, FILE_TYPES } from '../../../lib/documents/file-types';
import { inspectUpload } from '../../../lib/documents/upload-inspection';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))),
  );

describe('declared name and type', () => {
  it.each([
    ['Referral.PDF', 'application/pdf', 'pdf'],
    ['minutes.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
    ['IMG_0001.HEIC', '', 'heic'],
    ['call log.csv', 'application/vnd.ms-excel', 'csv'],
    ['note.txt', 'text/plain; charset=utf-8', 'txt'],
    ['message.msg', 'application/octet-stream', 'msg'],
  ])('accepts %s sent as "%s"', (fileName, contentType, id) => {
    const decision = decideFileType(fileName, contentType === '' ? 'application/octet-stream' : contentType);
    expect(decision).toEqual({ accepted: true, type: expect.objectContaining({ id }) });
  });

  it.each([
    ['setup.exe', 'application/x-msdownload', 'fileName'],
    ['page.html', 'text/html', 'fileName'],
    ['drawing.svg', 'image/svg+xml', 'fileName'],
    ['bundle.zip', 'application/zip', 'fileName'],
    ['README', 'text/plain', 'fileName'],
    ['report.pdf', 'text/html', 'contentType'],
    ['photo.jpg', 'image/png', 'contentType'],
  ])('refuses %s sent as %s, naming %s', (fileName, contentType, field) => {
    expect(decideFileType(fileName, contentType)).toEqual(
      expect.objectContaining({ accepted: false, field }),
    );
  });

  it('gives every type a stored content type it also accepts, and no extension to two types', () => {
    const extensions = FILE_TYPES.flatMap((type) => type.extensions);
    expect(new Set(extensions).size).toBe(extensions.length);
    for (const type of FILE_TYPES) expect(type.acceptedTypes).toContain(type.contentType);
  });
});

describe('first bytes', () => {
  const zipOf = (inner: string) =>
    bytes([0x50, 0x4b, 0x03, 0x04], Buffer.alloc(26).toString('latin1'), inner);

  it.each([
    ['pdf', bytes('%PDF-1.4\n')],
    ['docx', zipOf('[Content_Types].xml')],
    ['odt', zipOf('mimetypeapplication/vnd.oasis.opendocument.text')],
    ['doc', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])],
    ['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0])],
    ['gif', bytes('GIF89a')],
    ['heic', bytes([0, 0, 0, 0x18], 'ftypheic')],
    ['mp4', bytes([0, 0, 0, 0x18], 'ftypisom')],
    ['rtf', bytes('{\\rtf1\\ansi')],
    ['txt', bytes('Spoke to Mum at pick-up.\r\n')],
    ['eml', bytes('Received: from mail\r\nSubject: x\r\n')],
  ])('recognises %s', (id, head) => {
    expect(fileTypeById(id).matches(head)).toBe(true);
  });

  it.each([
    ['pdf', bytes('<!doctype html><script>')],
    ['jpeg', bytes('MZ', [0x90, 0x00])],
    ['docx', bytes('%PDF-1.4')],
    ['odt', zipOf('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')],
    ['txt', bytes('MZ', [0x90, 0x00, 0x03])],
    ['png', bytes([0x89, 0x50])],
  ])('refuses what is not %s', (id, head) => {
    expect(fileTypeById(id).matches(head)).toBe(false);
  });
});

describe('inspecting an upload as a stream', () => {
  const pdf = fileTypeById('pdf');

  it('counts and hashes every byte across chunks', async () => {
    const chunks = [bytes('%PDF-1.7\n'), Buffer.alloc(10_000, 0x41), bytes('%%EOF')];
    const whole = Buffer.concat(chunks);
    const inspected = await inspectUpload(Readable.from(chunks), pdf, whole.byteLength);
    expect(inspected).toEqual({
      sizeBytes: whole.byteLength,
      sha256: createHash('sha256').update(whole).digest('hex'),
    });
  });

  it('refuses as soon as the first bytes are wrong, without reading the rest', async () => {
    let chunksRead = 0;
    function* html() {
      for (let index = 0; index < 100; index += 1) {
        chunksRead += 1;
        yield Buffer.alloc(8192, 0x3c);
      }
    }
    await expect(inspectUpload(Readable.from(html()), pdf, 819_200)).rejects.toThrow(/not a PDF document/);
    expect(chunksRead).toBe(1);
  });

  it.each([
    ['more bytes than declared', [bytes('%PDF-1.7'), bytes('x')], 8, /larger than the 8 bytes/],
    ['fewer bytes than declared', [bytes('%PDF-1.7')], 20, /has 8 bytes, not the 20 declared/],
    ['no bytes', [], 5, /empty/],
  ])('refuses %s', async (_case, chunks, declared, message) => {
    const attempt = inspectUpload(Readable.from(chunks as Buffer[]), pdf, declared);
    await expect(attempt).rejects.toBeInstanceOf(UploadRejectedError);
    await expect(inspectUpload(Readable.from(chunks as Buffer[]), pdf, declared)).rejects.toThrow(message);
  });
});
