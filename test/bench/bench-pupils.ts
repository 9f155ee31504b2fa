/**
 * The benchmark school's pupils and classes, from the same generator and batch loader as the demo data,
 * so every index item the API reads is the real one.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ClassGroupRepository } from '../../lib/access/access-repositories';
import { generateDemoPupils } from '../../lib/pupils/demo-pupils';
import type { Pupil } from '../../lib/pupils/pupil';
import { loadPupils } from '../../lib/pupils/pupil-batch-loader';
import type { School } from '../../lib/schools/school';

export async function seedBenchPupils(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  school: School,
  count: number,
  seed: number,
): Promise<Pupil[]> {
  const demo = generateDemoPupils({
    schoolId: school.schoolId,
    seed,
    count,
    yearGroups: ['7', '8', '9', '10', '11'],
    tutorGroupSuffixes: ['A', 'B', 'C', 'D', 'E', 'F'],
    academicYearStart: 2026,
    laNumber: school.laNumber,
    establishmentNumber: school.establishmentNumber,
    at: new Date().toISOString(),
  });
  const classes = new ClassGroupRepository(dynamo, tableName);
  await Promise.all(demo.classes.map((classGroup) => classes.save(classGroup)));
  await loadPupils(dynamo, tableName, { schoolId: school.schoolId, ...demo });
  return demo.pupils;
}
