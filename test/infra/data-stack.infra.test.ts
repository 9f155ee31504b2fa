// The Data stack: the table is exactly createTableInput()'s, and everything holding data is encrypted,
// versioned, private, logged and (outside dev) retained.
import { Match } from 'aws-cdk-lib/assertions';
import type { AttributeDefinition, GlobalSecondaryIndex, KeySchemaElement } from '@aws-sdk/client-dynamodb';
import { createTableInput, TTL_ATTRIBUTE } from '../../lib/data/table-definition';
import { buildTestApp, logicalIdOf, matching, resourceOf, type TestApp } from './infra-app';

interface TableProperties {
  readonly KeySchema: KeySchemaElement[];
  readonly AttributeDefinitions: AttributeDefinition[];
  readonly GlobalSecondaryIndexes: GlobalSecondaryIndex[];
  readonly BillingMode: string;
  readonly TimeToLiveSpecification: { AttributeName: string; Enabled: boolean };
  readonly Replicas: { DeletionProtectionEnabled?: boolean }[];
}

function tableOf(test: TestApp): { properties: TableProperties; deletionPolicy: unknown } {
  const tables = test.template(test.stacks.data).findResources('AWS::DynamoDB::GlobalTable');
  const entries = Object.values(tables) as { Properties: TableProperties; DeletionPolicy?: unknown }[];
  expect(entries).toHaveLength(1);
  const [table] = entries;
  return { properties: table!.Properties, deletionPolicy: table!.DeletionPolicy };
}

const byName = (a: { AttributeName?: string }, b: { AttributeName?: string }) =>
  (a.AttributeName ?? '').localeCompare(b.AttributeName ?? '');

describe('Data stack (prod stage)', () => {
  const test = buildTestApp();
  const template = () => test.template(test.stacks.data);
  const expected = createTableInput('any-name');

  it('builds the table from table-definition.ts: same keys, attributes and indexes in both directions', () => {
    const { properties } = tableOf(test);

    expect(properties.KeySchema).toEqual(expected.KeySchema);
    // Sorted both sides: every synthesized attribute is defined locally and every local one is synthesized.
    expect([...properties.AttributeDefinitions].sort(byName)).toEqual(
      [...expected.AttributeDefinitions!].sort(byName),
    );
    const indexes = properties.GlobalSecondaryIndexes.map(({ IndexName, KeySchema, Projection }) => ({
      IndexName,
      KeySchema,
      Projection,
    }));
    expect(indexes).toEqual(expected.GlobalSecondaryIndexes);
    expect(properties.GlobalSecondaryIndexes.map((index) => Object.keys(index).sort())).toEqual(
      expected.GlobalSecondaryIndexes!.map(() => ['IndexName', 'KeySchema', 'Projection']),
    );
    expect(properties.BillingMode).toBe(expected.BillingMode);
  });

  it('expires items by the shared TTL attribute', () => {
    expect(tableOf(test).properties.TimeToLiveSpecification).toEqual({
      AttributeName: TTL_ATTRIBUTE,
      Enabled: true,
    });
  });

  it('has point-in-time recovery, deletion protection, a customer-managed key and is retained', () => {
    template().hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            SSESpecification: {
              KMSMasterKeyId: { 'Fn::GetAtt': [logicalIdOf(test.stacks.data.dataKey), 'Arn'] },
            },
          }),
        ],
      }),
    });
  });

  it('rotates every KMS key and keeps it when the stack goes', () => {
    const keys = template().findResources('AWS::KMS::Key');
    expect(Object.keys(keys)).toHaveLength(3);
    for (const key of Object.values(keys)) {
      expect(key).toMatchObject({ DeletionPolicy: 'Retain', Properties: { EnableKeyRotation: true } });
    }
  });

  it.each([
    ['vault', () => test.stacks.data.vaultBucket, 'vault/'],
    ['extracts', () => test.stacks.data.extractsBucket, 'extracts/'],
  ])(
    'encrypts the %s bucket with the vault key and a bucket key, versioned, private, logged',
    (_name, bucket, prefix) => {
      template().hasResource('AWS::S3::Bucket', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [
              {
                BucketKeyEnabled: true,
                ServerSideEncryptionByDefault: {
                  SSEAlgorithm: 'aws:kms',
                  KMSMasterKeyID: { 'Fn::GetAtt': [logicalIdOf(test.stacks.data.vaultKey), 'Arn'] },
                },
              },
            ],
          },
          VersioningConfiguration: { Status: 'Enabled' },
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          },
          OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
          LoggingConfiguration: {
            DestinationBucketName: { Ref: logicalIdOf(test.stacks.data.accessLogsBucket) },
            LogFilePrefix: prefix,
          },
        }),
      });
      template().hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: logicalIdOf(bucket()) },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    },
  );

  it('expires old versions of extracts, and extracts themselves after the configured retention', () => {
    expect(test.config.extractRetentionDays).toBe(30);
    template().hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { LogFilePrefix: 'extracts/' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 7 } }),
          Match.objectLike({ Prefix: 'extracts/', ExpirationInDays: test.config.extractRetentionDays }),
        ]),
      },
    });
  });

  it('keeps access logs in an SSE-S3, TLS-only, private, versioned bucket with a lifecycle', () => {
    const logsBucket = logicalIdOf(test.stacks.data.accessLogsBucket);
    const resource = resourceOf(template(), logsBucket);
    expect(resource).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true },
        LifecycleConfiguration: {
          Rules: [matching.objectContaining({ ExpirationInDays: test.config.logRetentionDays })],
        },
      },
    });
    template().hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logsBucket },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('lets the API functions use the table without Scan, and only the named indexes', () => {
    const table = logicalIdOf(test.stacks.data.table);
    template().hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: Match.not(Match.arrayWith(['dynamodb:Scan'])),
            Resource: Match.arrayWith([
              { 'Fn::GetAtt': [table, 'Arn'] },
              { 'Fn::Join': ['', [{ 'Fn::GetAtt': [table, 'Arn'] }, '/index/GSI1']] },
            ]),
          }),
        ]),
      },
    });
  });
});

describe('Data stack (dev stage)', () => {
  const test = buildTestApp({ settings: { stage: 'dev' } });

  it('drops deletion protection and lets the stack delete its data', () => {
    const template = test.template(test.stacks.data);
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({
        Replicas: [Match.objectLike({ DeletionProtectionEnabled: false })],
      }),
    });
    for (const bucket of Object.values(template.findResources('AWS::S3::Bucket'))) {
      expect(bucket).toMatchObject({ DeletionPolicy: 'Delete' });
    }
    expect(test.stacks.data.terminationProtection).toBe(false);
  });

  it('still keeps point-in-time recovery and the customer-managed key', () => {
    test.template(test.stacks.data).hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [
        Match.objectLike({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          SSESpecification: { KMSMasterKeyId: Match.anyValue() },
        }),
      ],
    });
  });
});
