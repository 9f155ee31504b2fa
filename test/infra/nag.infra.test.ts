// cdk-nag's AwsSolutions pack finds nothing unacknowledged, in every stage, with or without a known
// account; CDK's own CloudFormation rules pass; no construct reports an error or warning.
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { allStacks, buildTestApp, type TestAppOptions } from './infra-app';

function unacknowledgedFindings(options: TestAppOptions): string[] {
  // CloudFormation validation on, as in `cdk synth`: the build throws if CDK's own rules fail.
  const { app } = buildTestApp({ ...options, cloudFormationValidation: true });
  const report = new AwsSolutionsChecks(app, { verbose: true }).validateScope(app);
  return report.violations.flatMap((violation) =>
    violation.violatingResources.map(
      (resource) => `${violation.ruleName} at ${resource.constructPath ?? '?'}`,
    ),
  );
}

describe('cdk-nag AwsSolutions', () => {
  it.each<[string, TestAppOptions]>([
    ['the configured (prod) region', {}],
    ['a dev stage', { settings: { stage: 'dev' } }],
    ['a known account id', { account: '123456789012' }],
  ])('reports no unacknowledged finding for %s', (_name, options) => {
    expect(unacknowledgedFindings(options)).toEqual([]);
  });

  it('is live: an unprotected bucket added to the Data stack is reported', () => {
    const findings = unacknowledgedFindings({
      extend: ({ data }) => new Bucket(data, 'Unprotected', { enforceSSL: false }),
    });

    expect(findings).toEqual(
      expect.arrayContaining([expect.stringMatching(/^AwsSolutions-S10 at .*\/Unprotected\/Resource$/)]),
    );
  });

  it('leaves no error or warning annotation on any stack', () => {
    const { stacks } = buildTestApp();
    for (const stack of allStacks(stacks)) {
      const annotations = Annotations.fromStack(stack);
      expect(annotations.findError('*', Match.anyValue())).toEqual([]);
      expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
    }
  });
});
