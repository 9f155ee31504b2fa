import { ApiEnvironmentSchema } from '../../../lib/platform/environment';
import { bucketsOf, localApiEnvironment } from '../../../local/local-environment';

const local = localApiEnvironment({ appBaseUrl: 'http://localhost:3000', transferStateMachineArn: 'arn:x' });

it('gives the local functions a valid API environment', () => {
  expect(ApiEnvironmentSchema.safeParse(local).success).toBe(true);
});

it('provisions locally one bucket for every bucket variable of the API contract', () => {
  const bucketVariables = Object.keys(ApiEnvironmentSchema.shape).filter((name) => name.endsWith('_BUCKET'));
  expect(bucketVariables.sort()).toEqual(['EXTRACTS_BUCKET', 'VAULT_BUCKET']);
  expect(bucketsOf(local).sort()).toEqual(
    bucketVariables.map((name) => local[name as keyof typeof local]).sort(),
  );
});
