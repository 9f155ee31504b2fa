// The vault bucket as the document vault needs it: SSE-KMS with the vault key enforced by the bucket
// policy, quarantine and exports expiring after a day, and CORS for the app's browser uploads only.
import { Match } from 'aws-cdk-lib/assertions';
import { buildTestApp, logicalIdOf } from '../infra-app';

describe('Data stack: the vault bucket', () => {
  const test = buildTestApp();
  const template = () => test.template(test.stacks.data);
  const vault = () => ({ Ref: logicalIdOf(test.stacks.data.vaultBucket) });
  const vaultObjects = () => ({
    'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalIdOf(test.stacks.data.vaultBucket), 'Arn'] }, '/*']],
  });

  it('denies any PutObject that asks for an encryption other than aws:kms', () => {
    template().hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: vault(),
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'DenyOtherThanKmsEncryption',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 's3:PutObject',
            Resource: vaultObjects(),
            Condition: { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
          }),
        ]),
      },
    });
  });

  it('denies any PutObject that names a KMS key other than the vault key', () => {
    template().hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: vault(),
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'DenyOtherKmsKeys',
            Effect: 'Deny',
            Action: 's3:PutObject',
            Condition: {
              StringNotEqualsIfExists: {
                's3:x-amz-server-side-encryption-aws-kms-key-id': {
                  'Fn::GetAtt': [logicalIdOf(test.stacks.data.vaultKey), 'Arn'],
                },
              },
            },
          }),
        ]),
      },
    });
  });

  it.each(['quarantine/', 'exports/'])('expires %s after one day, old versions too', (prefix) => {
    template().hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { LogFilePrefix: 'vault/' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Prefix: prefix,
            Status: 'Enabled',
            ExpirationInDays: 1,
            NoncurrentVersionExpiration: { NoncurrentDays: 1 },
          }),
        ]),
      },
    });
  });

  it('keeps stored documents: no rule expires the vault/ prefix or the whole bucket', () => {
    const buckets = template().findResources('AWS::S3::Bucket', {
      Properties: { LoggingConfiguration: { LogFilePrefix: 'vault/' } },
    });
    const [bucket] = Object.values(buckets) as {
      Properties: { LifecycleConfiguration: { Rules: { Prefix?: string; ExpirationInDays?: number }[] } };
    }[];
    const expiring = bucket!.Properties.LifecycleConfiguration.Rules.filter((rule) => rule.ExpirationInDays);
    expect(expiring.map((rule) => rule.Prefix).sort()).toEqual(['exports/', 'quarantine/']);
  });

  it("lets only the app's origin POST from the browser (presigned uploads)", () => {
    template().hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { LogFilePrefix: 'vault/' },
      CorsConfiguration: {
        CorsRules: [
          Match.objectLike({
            AllowedOrigins: [`https://${test.config.domainName}`],
            AllowedMethods: ['POST'],
          }),
        ],
      },
    });
  });

  it('lets the functions abandon a failed multipart export, and use the vault key', () => {
    for (const statement of [
      { Action: ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:PutObject'] },
      {
        Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
        Resource: { 'Fn::GetAtt': [logicalIdOf(test.stacks.data.vaultKey), 'Arn'] },
      },
    ]) {
      template().hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike(statement)]) },
      });
    }
  });
});
