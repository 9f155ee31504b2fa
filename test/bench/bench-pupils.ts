/**
 * The benchmark school's pupils: varied names (so search terms hit realistic numbers of pupils), written
 * through the pupil repository so every index item the API reads is the real one.
 */
import { randomUUID } from 'node:crypto';
import type { Pupil } from '../../lib/pupils/pupil';
import type { PupilRepository } from '../../lib/pupils/pupil-repository';
import { seededRandom } from './bench-records';

const FORENAMES = [
  'Amelia',
  'Oliver',
  'Isla',
  'Noah',
  'Ava',
  'Muhammad',
  'Freya',
  'Leo',
  'Zoë',
  'Arthur',
  'Maya',
  'Harry',
  'Aisha',
  'Jack',
  'Chloé',
  'Theo',
  'Niamh',
  'Oscar',
  'Priya',
  'Kacper',
  'Sofia',
  'Tomás',
  'Grace',
  'Yusuf',
];
const SURNAMES = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Khan',
  'Patel',
  "O'Brien",
  'Nowak',
  'Evans',
  'Thomas',
  'Roberts',
  'Hughes',
  'Ahmed',
  'Clarke',
  'Walker-Reid',
  'Okafor',
  'Murphy',
  'Lewis',
  'Begum',
  'Kowalski',
  'Davies',
  'Green',
  'Hall',
  'Wright',
  'Ali',
  'Turner',
  'Bennett',
  'Cooper',
];

export async function seedBenchPupils(
  pupils: PupilRepository,
  schoolId: string,
  count: number,
  seed: number,
): Promise<Pupil[]> {
  const random = seededRandom(seed);
  const pick = (names: readonly string[]) => names[Math.floor(random() * names.length)]!;
  const at = new Date().toISOString();
  const made: Pupil[] = Array.from({ length: count }, (_, index) => {
    const year = 7 + (index % 5);
    const birthYear = 2026 - year - 5;
    return {
      pupilId: randomUUID(),
      schoolId,
      legalForename: pick(FORENAMES),
      legalSurname: `${pick(SURNAMES)}${index % 7 === 0 ? `-${pick(SURNAMES)}` : ''}`,
      dateOfBirth: `${birthYear}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-15`,
      gender: random() < 0.5 ? 'F' : 'M',
      yearGroup: String(year),
      tutorGroup: `${year}${'ABCDEF'[index % 6]}`,
      classIds: [],
      archived: false,
      source: 'manual',
      monitoredCategoryIds: [],
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
  });
  const workers = Array.from({ length: 8 }, async (_, worker) => {
    for (let index = worker; index < made.length; index += 8) await pupils.create(made[index]!);
  });
  await Promise.all(workers);
  return made;
}
