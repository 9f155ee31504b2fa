/**
 * Gives the demo schools' pupils attendance for `npm start` and the e2e runtime: about four months of
 * daily marks up to yesterday for every demo pupil, written through attendanceItemsOf as the MIS import
 * writes them. Idempotent: skipped for a school whose last demo pupil already has a summary (written
 * last, so finding it means the whole school was loaded); a restart adds nothing.
 */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from '../data/batch-write';
import { attendanceKeys } from '../data/keys';
import { DEMO_PUPIL_URNS, demoPupilIds } from '../pupils/demo-pupil-seed';
import type { SchoolRepository } from '../schools/school-repository';
import { attendanceItemsOf } from './attendance-items';
import { demoAttendanceMarks } from './demo-attendance';

const DAY_MS = 86_400_000;
const DEMO_DAYS = 120;
const CONCURRENT_BATCHES = 12;

/** Returns how many pupils were given attendance (0 when every demo school had it already). */
export async function seedDemoAttendance(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  schools: SchoolRepository,
  now: Date = new Date(),
): Promise<number> {
  const to = new Date(now.getTime() - DAY_MS).toISOString().slice(0, 10);
  const from = new Date(now.getTime() - DEMO_DAYS * DAY_MS).toISOString().slice(0, 10);
  const at = now.toISOString();
  const seeded = await Promise.all(
    DEMO_PUPIL_URNS.map(async (urn): Promise<number> => {
      const schoolId = await schools.findIdByUrn(urn);
      if (!schoolId) return 0;
      const pupilIds = demoPupilIds(schoolId, urn);
      const last = pupilIds.at(-1);
      if (last === undefined) return 0;
      const done = await dynamo.send(
        new GetCommand({ TableName: tableName, Key: attendanceKeys.summary(schoolId, last) }),
      );
      if (done.Item) return 0;
      const itemsOf = (pupilId: string) =>
        attendanceItemsOf(schoolId, pupilId, { attendance: demoAttendanceMarks(pupilId, from, to) }, at).map(
          (Item) => ({ PutRequest: { Item } }),
        );
      await batchWriteAll(
        dynamo,
        tableName,
        pupilIds.slice(0, -1).flatMap((pupilId) => itemsOf(pupilId)),
        CONCURRENT_BATCHES,
      );
      await batchWriteAll(dynamo, tableName, itemsOf(last));
      return pupilIds.length;
    }),
  );
  return seeded.reduce((sum, count) => sum + count, 0);
}
