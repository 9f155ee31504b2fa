/**
 * Seeds the demo schools' pupils for `npm start` and the tests: about 300 at Oakfield (a primary,
 * Reception to Year 6) and 150 at Riverside (a secondary, Years 7 to 11), with their classes (the
 * safeguarding leads and senior leaders given access), contacts and sibling links. Skipped for a
 * school whose pupils are already there, so a restart keeps whatever was done with them.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ClassGroupRepository } from '../access/access-repositories';
import { DEFAULT_USER_GROUPS } from '../access/user-group';
import { UserGroupRepository } from '../access/user-group-repository';
import { StaleItemError } from '../data/school-collection';
import type { SchoolRepository } from '../schools/school-repository';
import { generateDemoPupils } from './demo-pupils';
import { loadPupils } from './pupil-batch-loader';
import { PupilRepository } from './pupil-repository';

interface DemoPupilSchool {
  readonly urn: string;
  readonly count: number;
  readonly yearGroups: readonly string[];
  readonly tutorGroupSuffixes: readonly string[];
}

const DEMO_PUPIL_SCHOOLS: readonly DemoPupilSchool[] = [
  {
    urn: '990001',
    count: 300,
    yearGroups: ['R', '1', '2', '3', '4', '5', '6'],
    tutorGroupSuffixes: ['A', 'B'],
  },
  { urn: '990002', count: 150, yearGroups: ['7', '8', '9', '10', '11'], tutorGroupSuffixes: ['N', 'S'] },
];

/** The demo schools that get generated pupils (and, in the living demo, their attendance). */
export const DEMO_PUPIL_URNS: readonly string[] = DEMO_PUPIL_SCHOOLS.map((plan) => plan.urn);

/** Groups whose members see every demo class when a school turns class restrictions on. */
const GROUPS_WITH_CLASS_ACCESS = new Set(['dsl', 'slt']);

/** The September the current academic year began in. */
function academicYearStart(now: Date): number {
  return now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
}

/**
 * The ids of a demo school's generated pupils, in generation order (they depend on the school and its
 * plan only), for seeds that build on the demo pupils; empty for a school that is not a demo school.
 */
export function demoPupilIds(schoolId: string, urn: string): string[] {
  const plan = DEMO_PUPIL_SCHOOLS.find((candidate) => candidate.urn === urn);
  if (!plan) return [];
  return generateDemoPupils({
    schoolId,
    seed: Number(plan.urn),
    count: plan.count,
    yearGroups: plan.yearGroups,
    tutorGroupSuffixes: plan.tutorGroupSuffixes,
    academicYearStart: 2000,
    laNumber: '999',
    establishmentNumber: '0000',
    at: new Date(0).toISOString(),
  }).pupils.map((pupil) => pupil.pupilId);
}

/** Returns how many pupils it added (0 when every demo school had them already); the schools load together. */
export async function seedDemoPupils(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  schools: SchoolRepository,
  now: Date = new Date(),
): Promise<number> {
  const pupils = new PupilRepository(dynamo, tableName);
  const classes = new ClassGroupRepository(dynamo, tableName);
  const groups = new UserGroupRepository(dynamo, tableName);
  const added = await Promise.all(
    DEMO_PUPIL_SCHOOLS.map(async (plan): Promise<number> => {
      const schoolId = await schools.findIdByUrn(plan.urn);
      const school = schoolId ? await schools.get(schoolId) : undefined;
      if (!school) return 0;
      const accessNames = new Set(
        DEFAULT_USER_GROUPS.filter((group) => GROUPS_WITH_CLASS_ACCESS.has(group.key)).map(
          (group) => group.settings.name,
        ),
      );
      const groupIds = (await groups.list(school.schoolId))
        .filter((group) => accessNames.has(group.name))
        .map((group) => group.groupId)
        .sort();
      const demo = generateDemoPupils({
        schoolId: school.schoolId,
        seed: Number(plan.urn),
        count: plan.count,
        yearGroups: plan.yearGroups,
        tutorGroupSuffixes: plan.tutorGroupSuffixes,
        academicYearStart: academicYearStart(now),
        laNumber: school.laNumber,
        establishmentNumber: school.establishmentNumber,
        classAccess: { personIds: [], groupIds },
        at: now.toISOString(),
      });
      const last = demo.pupils.at(-1);
      if (!last || (await pupils.get(school.schoolId, last.pupilId))) return 0;
      await Promise.all(
        demo.classes.map(async (classGroup) => {
          try {
            await classes.save(classGroup);
          } catch (error) {
            if (!(error instanceof StaleItemError)) throw error;
          }
        }),
      );
      // The last pupil goes in last: finding it means the whole school was loaded.
      const firstPupils = demo.pupils.slice(0, -1);
      await loadPupils(dynamo, tableName, {
        schoolId: school.schoolId,
        pupils: firstPupils,
        contacts: demo.contacts,
        links: demo.links,
      });
      await loadPupils(dynamo, tableName, {
        schoolId: school.schoolId,
        pupils: [last],
        contacts: [],
        links: [],
      });
      return demo.pupils.length;
    }),
  );
  return added.reduce((sum, count) => sum + count, 0);
}
