/**
 * The living demo's moved pupil (issue 6): an Oakfield Year 6 pupil with incidents has left Oakfield
 * (archived there) and joined Riverside Academy with the same permanent UPN. The real detector finds the
 * pair, exactly as after an import, and starts the transfer's execution, so after `npm start` the whole
 * flow can be tried: Priya (trust DSL, both schools) requests it at Riverside, Dana authorises it at
 * Oakfield, Priya confirms receipt. Idempotent: a restart finds the Riverside pupil and changes nothing.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { pupilKeys } from '../lib/data/keys';
import { deterministicUuid } from '../lib/mis/deterministic-id';
import { demoPupilIds } from '../lib/pupils/demo-pupil-seed';
import { displayNameOf, type Pupil } from '../lib/pupils/pupil';
import { PupilRecordReader } from '../lib/pupils/pupil-record-reader';
import { PupilRepository } from '../lib/pupils/pupil-repository';
import { summaryCompanions } from '../lib/pupils/pupil-summary-companions';
import { isTemporaryUpn } from '../lib/pupils/uk-identifiers';
import type { SchoolRepository } from '../lib/schools/school-repository';
import type { TransferDetector } from '../lib/transfers/transfer-detector';

export interface DemoTransfer {
  /** The moved pupil's name, as both schools know them. */
  readonly pupilName: string;
  readonly fromSchool: string;
  readonly toSchool: string;
}

const OAKFIELD_URN = '990001';
const RIVERSIDE_URN = '990002';

export async function seedDemoTransfer(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  schools: SchoolRepository,
  detector: TransferDetector,
  now: Date = new Date(),
): Promise<DemoTransfer | undefined> {
  const [oakfieldId, riversideId] = await Promise.all([
    schools.findIdByUrn(OAKFIELD_URN),
    schools.findIdByUrn(RIVERSIDE_URN),
  ]);
  const [oakfield, riverside] = await Promise.all([
    oakfieldId ? schools.get(oakfieldId) : undefined,
    riversideId ? schools.get(riversideId) : undefined,
  ]);
  if (!oakfield || !riverside) return undefined;
  const pupils = new PupilRepository(dynamo, tableName);
  const movedId = deterministicUuid('demo-transfer', riverside.schoolId);
  const already = await pupils.get(riverside.schoolId, movedId);
  if (already) {
    return { pupilName: displayNameOf(already), fromSchool: oakfield.name, toSchool: riverside.name };
  }

  const leaver = await chooseLeaver(dynamo, tableName, pupils, oakfield.schoolId);
  if (!leaver) return undefined;
  const at = now.toISOString();
  const leavingDate = new Date(now.getTime() - 21 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  const admissionDate = new Date(now.getTime() - 14 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  if (!leaver.archived) {
    // As the MIS import archives a leaver: the profile, its index items and every copy of its summary.
    const read = await new PupilRecordReader(dynamo, tableName).profileWithLinks(
      oakfield.schoolId,
      leaver.pupilId,
    );
    const next: Pupil = {
      ...leaver,
      archived: true,
      leavingDate,
      updatedAt: at,
      version: leaver.version + 1,
    };
    await pupils.update(
      next,
      leaver,
      summaryCompanions(tableName, next, leaver, read?.links ?? [], read?.intervals ?? []),
    );
  }
  const joiner: Pupil = {
    pupilId: movedId,
    schoolId: riverside.schoolId,
    legalForename: leaver.legalForename,
    legalSurname: leaver.legalSurname,
    ...(leaver.preferredForename ? { preferredForename: leaver.preferredForename } : {}),
    ...(leaver.middleNames ? { middleNames: leaver.middleNames } : {}),
    dateOfBirth: leaver.dateOfBirth,
    gender: leaver.gender,
    ...(leaver.upn ? { upn: leaver.upn } : {}),
    admissionDate,
    yearGroup: '7',
    classIds: [],
    archived: false,
    source: 'manual',
    monitoredCategoryIds: [],
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await pupils.create(joiner);
  await detector.detectFor(riverside.schoolId, {
    archived: [],
    activated: [
      {
        pupilId: joiner.pupilId,
        ...(joiner.upn ? { upn: joiner.upn } : {}),
        dateOfBirth: joiner.dateOfBirth,
        admissionDate,
      },
    ],
  });
  return { pupilName: displayNameOf(joiner), fromSchool: oakfield.name, toSchool: riverside.name };
}

/**
 * The first Year 6 demo pupil at Oakfield with a permanent UPN, incidents and vault documents (so the
 * transfer moves files too); failing that, the first with incidents.
 */
async function chooseLeaver(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  pupils: PupilRepository,
  schoolId: string,
): Promise<Pupil | undefined> {
  const has = async (pupilId: string, prefix: string) =>
    (
      (
        await dynamo.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
            ExpressionAttributeValues: { ':pk': pupilKeys.partition(schoolId, pupilId), ':prefix': prefix },
            Limit: 1,
          }),
        )
      ).Items ?? []
    ).length > 0;
  let withIncidents: Pupil | undefined;
  for (const pupilId of demoPupilIds(schoolId, OAKFIELD_URN)) {
    const pupil = await pupils.get(schoolId, pupilId);
    if (!pupil || pupil.yearGroup !== '6' || !pupil.upn || isTemporaryUpn(pupil.upn)) continue;
    if (!(await has(pupilId, 'ENTRY#2'))) continue;
    if (await has(pupilId, 'DOC#')) return pupil;
    withIncidents ??= pupil;
  }
  return withIncidents;
}
