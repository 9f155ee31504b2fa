/**
 * The Document vault tab in headless Chromium against the local runtime: a file chosen in the browser
 * goes straight to the S3 stand-in through the presigned POST (so the page's CSP and the bucket's CORS
 * must both allow it), is checked and listed; a file whose bytes are not its type is refused with the
 * reason; and a download saves the same bytes under the file's name.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PupilRepository } from '../../../lib/pupils/pupil-repository';
import { useElevatedAdmin } from '../support/admin-session';
import { collectPageErrors, lanternUrl } from '../support/browser';
import { demoStaff } from '../support/staff-sign-in';

jest.setTimeout(90_000);

const dana = useElevatedAdmin(demoStaff('dana.shah@oakfield.example.org'));

/** A pupil of the school, written straight into the runtime's table (SDK settings from global setup). */
async function addPupil(schoolId: string): Promise<string> {
  const pupils = new PupilRepository(
    DynamoDBDocumentClient.from(new DynamoDBClient({})),
    process.env.TABLE_NAME ?? 'lantern',
  );
  const pupilId = randomUUID();
  await pupils.create({
    pupilId,
    schoolId,
    legalForename: 'Vera',
    legalSurname: 'Vaultson',
    dateOfBirth: '2015-04-01',
    gender: 'F',
    classIds: [],
    archived: false,
    source: 'manual',
    monitoredCategoryIds: [],
    createdAt: '2025-01-06T09:00:00.000Z',
    updatedAt: '2025-01-06T09:00:00.000Z',
    version: 1,
  });
  return pupilId;
}

it('uploads through the browser, lists, refuses a disguised file and downloads the same bytes', async () => {
  const { page, view } = dana();
  const pupilId = await addPupil(view.school.schoolId);
  // The browser logs the refused file's 422 answer; any other error (a CSP or CORS refusal) fails the test.
  const problems = collectPageErrors(
    page,
    (message) => message.text().includes('422') && message.location().url.endsWith('/complete'),
  );
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(lanternUrl(`/pupils/${pupilId}/vault`));
  await page.getByRole('heading', { level: 2, name: 'Document vault' }).waitFor();
  await page.getByText('No documents you can see are stored for this pupil.').waitFor();

  await page.getByRole('button', { name: 'Add files' }).click();
  const note = Buffer.from('Spoke to Vera at break; she was upset about the bus.\n');
  await page.getByLabel('Add files to the vault').setInputFiles([
    { name: 'break-time note.txt', mimeType: 'text/plain', buffer: note },
    { name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<!doctype html><p>not a pdf') },
  ]);
  await page
    .getByText("Not stored: The file's contents are not a PDF document; it was not stored.")
    .waitFor();
  await page.getByRole('cell', { name: /^break-time note\.txt Added by/ }).waitFor();
  expect(await page.getByRole('cell', { name: /^report\.pdf Added by/ }).count()).toBe(0);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download break-time note.txt' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('break-time note.txt');
  expect(await readFile(await saved.path())).toEqual(note);
  expect(problems.errors).toEqual([]);
});
