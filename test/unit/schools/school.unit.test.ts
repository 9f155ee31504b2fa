import { CreateSchoolInputSchema, normaliseName } from '../../../lib/schools/school';

it('normalises names for case- and accent-insensitive ordering', () => {
  expect(normaliseName('  École   Saint-Émile ')).toBe('ecole saint-emile');
  expect(normaliseName('A#B')).toBe('a b');
});

it('accepts a valid school and defaults the time zone to Europe/London', () => {
  const parsed = CreateSchoolInputSchema.parse({
    urn: '100000',
    laNumber: '201',
    establishmentNumber: '6007',
    name: 'X School',
  });
  expect(parsed.timeZone).toBe('Europe/London');
});

it('rejects malformed identifiers, unknown time zones and unknown fields', () => {
  const result = CreateSchoolInputSchema.safeParse({
    urn: '012345',
    laNumber: '20',
    establishmentNumber: '60071',
    name: 'X',
    timeZone: 'Europe/Atlantis',
    region: 'us-east-1',
  });
  expect(result.success).toBe(false);
  const paths = result.error!.issues.map((issue) => issue.path.join('.') || issue.code);
  expect(paths).toEqual(
    expect.arrayContaining([
      'urn',
      'laNumber',
      'establishmentNumber',
      'name',
      'timeZone',
      'unrecognized_keys',
    ]),
  );
});
