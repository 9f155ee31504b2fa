/**
 * Everything that holds pupil data and outlives a deployment: the single table, the document vault,
 * the extracts bucket, the keys that encrypt them and the log bucket that records who touched them.
 * Other stacks reach these only through the access policies and grant helpers below.
 */
import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import {
  AnyPrincipal,
  Effect,
  ManagedPolicy,
  PolicyStatement,
  ServicePrincipal,
  type IRole,
} from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { EXTRACTS_PREFIX } from '../mis/extract-store';
import { dataProtection, type RegionConfig } from '../config/region-config';
import { auditKeys } from '../data/keys';
import { EXPORTS_PREFIX, QUARANTINE_PREFIX } from '../documents/object-keys';
import { vaultCorsRule } from '../documents/vault-cors';
import { GLOBAL_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '../data/table-definition';
import { acknowledgeWildcardResources } from './nag-acknowledgements';

export interface DataStackProps extends StackProps {
  readonly config: RegionConfig;
}

/** Only the actions Lantern's repositories use: notably no Scan, so a list can never read every school. */
const TABLE_READ_WRITE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];

/** Encrypt and decrypt with a key, including the envelope data keys S3 and the app ask for. */
const KEY_USE_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey'];

/** AbortMultipartUpload: a zip export streamed as a multipart upload is abandoned cleanly when it fails. */
const OBJECT_READ_WRITE_ACTIONS = [
  's3:GetObject',
  's3:PutObject',
  's3:DeleteObject',
  's3:AbortMultipartUpload',
];

export class DataStack extends Stack {
  readonly table: TableV2;
  /** Encrypts the table and application-level secrets (for example TOTP seeds). */
  readonly dataKey: Key;
  /** Encrypts stored documents: the vault and the extracts bucket. */
  readonly vaultKey: Key;
  /** Encrypts CloudWatch log groups in every Lantern stack of this region. */
  readonly logsKey: Key;
  readonly accessLogsBucket: Bucket;
  readonly vaultBucket: Bucket;
  readonly extractsBucket: Bucket;
  /** Attach with grantTableReadWrite. */
  readonly tableAccessPolicy: ManagedPolicy;
  /** Attach with grantDocumentsReadWrite. */
  readonly documentsAccessPolicy: ManagedPolicy;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config } = props;
    const protection = dataProtection(config);

    this.dataKey = new Key(this, 'DataKey', {
      description: `Lantern ${config.region}: table and application-level encryption`,
      enableKeyRotation: true,
      removalPolicy: protection.removalPolicy,
    });
    this.vaultKey = new Key(this, 'VaultKey', {
      description: `Lantern ${config.region}: document vault and extracts`,
      enableKeyRotation: true,
      removalPolicy: protection.removalPolicy,
    });
    this.logsKey = new Key(this, 'LogsKey', {
      description: `Lantern ${config.region}: CloudWatch log groups`,
      enableKeyRotation: true,
      removalPolicy: protection.removalPolicy,
    });
    // CloudWatch Logs encrypts with the caller-less service principal; the condition keeps the key
    // usable only for log groups in this account and region.
    this.logsKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${this.partition}:logs:${this.region}:${this.account}:log-group:*`,
          },
        },
      }),
    );

    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: GLOBAL_INDEXES.map((index) => ({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        // ALL, as in createTableInput(): the local runtime and AWS must answer queries identically.
        projectionType: ProjectionType.ALL,
      })),
      timeToLiveAttribute: TTL_ATTRIBUTE,
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: protection.deletionProtection,
      encryption: TableEncryptionV2.customerManagedKey(this.dataKey),
      removalPolicy: protection.removalPolicy,
    });

    // S3 server access logging cannot deliver to an SSE-KMS bucket, hence SSE-S3 here.
    this.accessLogsBucket = new Bucket(this, 'AccessLogsBucket', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [
        {
          id: 'expire-access-logs',
          expiration: Duration.days(config.logRetentionDays),
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: protection.removalPolicy,
      autoDeleteObjects: protection.autoDeleteObjects,
    });
    Validations.of(this.accessLogsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket is the server-access-log target of the vault and extracts buckets; logging it into itself would loop and logging it elsewhere adds nothing (it is written only by the S3 logging service).',
    });

    this.vaultBucket = new Bucket(this, 'VaultBucket', {
      ...this.documentBucketProps(config, 'vault/'),
      // Uploads go straight from the browser to a presigned POST (downloads are plain navigations to a
      // presigned GET, which CORS does not govern), so only the app's origin may POST.
      cors: [vaultCorsRule(`https://${config.domainName}`)].map((rule) => ({
        allowedOrigins: rule.allowedOrigins,
        allowedMethods: rule.allowedMethods.map((method) => HttpMethods[method]),
        allowedHeaders: rule.allowedHeaders,
        maxAge: rule.maxAgeSeconds,
      })),
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // Unchecked browser uploads and one-off download packages (objectKeys in lib/documents) live a day.
        ...[QUARANTINE_PREFIX, EXPORTS_PREFIX].map((prefix) => ({
          id: `expire-${prefix.replace('/', '')}`,
          prefix,
          expiration: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(1),
        })),
      ],
    });
    this.requireVaultKeyEncryption(this.vaultBucket);

    this.extractsBucket = new Bucket(this, 'ExtractsBucket', {
      ...this.documentBucketProps(config, 'extracts/'),
      lifecycleRules: [
        {
          id: 'expire-old-versions',
          noncurrentVersionExpiration: Duration.days(7),
          expiredObjectDeleteMarker: true,
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        // Raw extracts are kept only as long as the region's configured retention (MIS-1).
        {
          id: 'expire-extracts',
          prefix: EXTRACTS_PREFIX,
          expiration: Duration.days(config.extractRetentionDays),
        },
      ],
    });

    // For operators: the CLI (npm run lantern) takes the table name.
    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'The Lantern table' });

    const policies = this.createAccessPolicies();
    this.tableAccessPolicy = policies.table;
    this.documentsAccessPolicy = policies.documents;
  }

  /**
   * Every write into the vault is SSE-KMS with the vault key. A request that names another
   * encryption (SSE-S3, or another KMS key such as aws/s3) is denied; a request that names none gets
   * the bucket's default, which is the vault key. The stricter "deny unless the header is present"
   * form is not used because S3 evaluates it on UploadPart too, which never carries the header, so
   * it would refuse every multipart upload (zip exports); the app sends the header on every write
   * it makes and pins it in the browser's presigned POST policy.
   */
  private requireVaultKeyEncryption(bucket: Bucket): void {
    const objects = bucket.arnForObjects('*');
    bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'DenyOtherThanKmsEncryption',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [objects],
        conditions: { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
      }),
    );
    bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'DenyOtherKmsKeys',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [objects],
        conditions: {
          StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption-aws-kms-key-id': this.vaultKey.keyArn },
        },
      }),
    );
  }

  /** Read and write items and query every index (no Scan), plus use of the data key. */
  grantTableReadWrite(role: IRole): void {
    role.addManagedPolicy(this.tableAccessPolicy);
  }

  /** Get, put and delete documents in the vault and extracts buckets, presigned URLs included. */
  grantDocumentsReadWrite(role: IRole): void {
    role.addManagedPolicy(this.documentsAccessPolicy);
  }

  /**
   * The access other stacks attach, defined here beside the resources so every ARN in it is a
   * same-stack reference and each wildcard is acknowledged once, next to the grant it belongs to.
   */
  private createAccessPolicies(): { table: ManagedPolicy; documents: ManagedPolicy } {
    const table = new ManagedPolicy(this, 'TableAccessPolicy', {
      description: 'Lantern: read and write the table (no Scan) and use the data key',
      statements: [
        new PolicyStatement({
          actions: TABLE_READ_WRITE_ACTIONS,
          resources: [
            this.table.tableArn,
            // Named indexes rather than index/*, so the grant reads exactly as the table definition.
            ...GLOBAL_INDEXES.map((index) => `${this.table.tableArn}/index/${index.indexName}`),
          ],
        }),
        // The table's CMK and application-level encryption (for example TOTP secrets).
        new PolicyStatement({ actions: KEY_USE_ACTIONS, resources: [this.dataKey.keyArn] }),
        // The audit log is append-only by construction as well as by code: no function may update or
        // delete an item in an audit partition (SCHOOL#<id>#AUDIT, SCHOOL#<id>#PUPIL#<id>#AUDIT).
        new PolicyStatement({
          effect: Effect.DENY,
          actions: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
          resources: [this.table.tableArn],
          conditions: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': [auditKeys.partitionPattern] } },
        }),
      ],
    });

    const objectArns = [this.vaultBucket.arnForObjects('*'), this.extractsBucket.arnForObjects('*')];
    const documents = new ManagedPolicy(this, 'DocumentsAccessPolicy', {
      description: 'Lantern: get, put and delete documents in the vault and extracts buckets',
      statements: [
        new PolicyStatement({ actions: OBJECT_READ_WRITE_ACTIONS, resources: objectArns }),
        // ListBucket makes a missing key answer 404 rather than 403, so the app can tell "gone" from "denied".
        new PolicyStatement({
          actions: ['s3:ListBucket'],
          resources: [this.vaultBucket.bucketArn, this.extractsBucket.bucketArn],
        }),
        // SSE-KMS: GenerateDataKey to write, Decrypt to read (also through presigned URLs signed by the role).
        new PolicyStatement({ actions: KEY_USE_ACTIONS, resources: [this.vaultKey.keyArn] }),
      ],
    });
    acknowledgeWildcardResources(
      documents,
      objectArns,
      'Documents are objects under per-school, per-pupil keys created at run time, so the grant names the buckets and leaves the key open; it allows only get, put, delete and abandoning a multipart upload, and the application checks permission and writes the audit record before every access.',
    );
    return { table, documents };
  }

  private documentBucketProps(config: RegionConfig, logPrefix: string) {
    const protection = dataProtection(config);
    return {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.vaultKey,
      bucketKeyEnabled: true,
      enforceSSL: true,
      versioned: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: logPrefix,
      removalPolicy: protection.removalPolicy,
      autoDeleteObjects: protection.autoDeleteObjects,
    };
  }
}
