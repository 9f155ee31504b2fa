/** The web file picker offers exactly the extensions the server's allow-list takes. */
import { ACCEPTED_EXTENSIONS as SERVER } from '../../../lib/documents/file-types';
import { ACCEPTED_EXTENSIONS as WEB, formatFileSize } from '../../../web/src/documents/accepted-files';

it('offers the same extensions as lib/documents/file-types.ts', () => {
  expect([...WEB].sort()).toEqual([...SERVER].sort());
});

it('writes sizes as people read them', () => {
  expect(formatFileSize(12)).toBe('12 bytes');
  expect(formatFileSize(340 * 1024)).toBe('340 KB');
  expect(formatFileSize(1.25 * 1024 * 1024)).toBe('1.3 MB');
});
