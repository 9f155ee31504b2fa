import { ApiEnvironmentSchema, loadEnvironment } from '../../../lib/platform/environment';

const valid = {
  TABLE_NAME: 't',
  POWERTOOLS_SERVICE_NAME: 's',
  POWERTOOLS_METRICS_NAMESPACE: 'n',
  VAULT_BUCKET: 'v',
  EXTRACTS_BUCKET: 'e',
  DATA_KEY_ID: 'alias/k',
  VAULT_KEY_ID: 'alias/v',
  MAIL_FROM: 'no-reply@example.org',
  TRANSFER_STATE_MACHINE_ARN: 'arn',
  SCHEDULE_GROUP_NAME: 'g',
  MIS_IMPORT_FUNCTION_ARN: 'arn:aws:lambda:eu-west-2:111111111111:function:import',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::111111111111:role/scheduler',
  APP_BASE_URL: 'https://lantern.example.org',
};

it('parses a complete environment, applying defaults', () => {
  const environment = loadEnvironment(ApiEnvironmentSchema, valid);
  expect(environment.MAX_BODY_BYTES).toBe(1_048_576);
  expect(environment.S3_FORCE_PATH_STYLE).toBe(false);
});

it('fails at start-up naming every missing or invalid variable', () => {
  const { TABLE_NAME: _omitted, ...rest } = valid;
  expect(() => loadEnvironment(ApiEnvironmentSchema, { ...rest, MAIL_FROM: 'nobody' })).toThrow(
    /TABLE_NAME: .*MAIL_FROM: /,
  );
});
