// Error paths of key storage with the SDK clients mocked: KMS refusing to decrypt, DynamoDB conditions
// that fail when another request got there first. The stored paths themselves run against stand-ins.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DecryptCommand, EncryptCommand, InvalidCiphertextException, KMSClient } from '@aws-sdk/client-kms';
import { DeleteCommand, DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { TotpSecretCipher } from '../../../../lib/identity/keys/key-encryption';
import { KeyRepository } from '../../../../lib/identity/keys/key-repository';
import { SessionRepository } from '../../../../lib/identity/session-repository';
import { PERSON, SCHOOL_ID, SESSION_HASH } from './fakes';

const kmsMock = mockClient(KMSClient);
const dynamoMock = mockClient(DynamoDBDocumentClient);
const kms = new KMSClient({ region: 'eu-west-2' });
const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' }));
const KEY_ID = '44444444-4444-4444-8444-444444444444';

function conditionFailed() {
  return new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
}

beforeEach(() => {
  kmsMock.reset();
  dynamoMock.reset();
});

describe('TotpSecretCipher', () => {
  it('asks KMS with the person in the encryption context, and passes a refusal on', async () => {
    kmsMock
      .on(DecryptCommand)
      .rejects(new InvalidCiphertextException({ message: 'context does not match', $metadata: {} }));
    const cipher = new TotpSecretCipher(kms, 'alias/data');
    await expect(cipher.decrypt(PERSON.personId, 'AAAA')).rejects.toBeInstanceOf(InvalidCiphertextException);
    expect(kmsMock).toHaveReceivedCommandWith(DecryptCommand, {
      KeyId: 'alias/data',
      EncryptionContext: { purpose: 'totp-secret', personId: PERSON.personId },
    });
  });

  it('refuses to go on when KMS answers without ciphertext', async () => {
    kmsMock.on(EncryptCommand).resolves({});
    await expect(new TotpSecretCipher(kms, 'alias/data').encrypt(PERSON.personId, 'SECRET')).rejects.toThrow(
      'KMS returned no ciphertext',
    );
  });
});

describe('KeyRepository', () => {
  const keys = new KeyRepository(dynamo, 'table');

  it('reports a replayed step (the condition on lastUsedStep failed) as not recorded', async () => {
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    await expect(keys.recordTotpUse(PERSON.personId, KEY_ID, 100, '2025-03-04T10:00:00.000Z')).resolves.toBe(
      false,
    );
    expect(dynamoMock).toHaveReceivedCommandWith(UpdateCommand, {
      ConditionExpression: 'attribute_exists(PK) AND lastUsedStep < :step',
    });
  });

  it('passes other DynamoDB errors on', async () => {
    dynamoMock.on(UpdateCommand).rejects(new Error('throttled'));
    await expect(
      keys.recordTotpUse(PERSON.personId, KEY_ID, 100, '2025-03-04T10:00:00.000Z'),
    ).rejects.toThrow('throttled');
  });

  it('reports a key that was already gone as not deleted', async () => {
    dynamoMock.on(DeleteCommand).rejects(conditionFailed());
    await expect(keys.delete(PERSON.personId, KEY_ID)).resolves.toBe(false);
  });
});

describe('SessionRepository elevation', () => {
  const sessions = new SessionRepository(dynamo, 'table');

  it('does not elevate a session that has ended or moved school', async () => {
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    await expect(sessions.elevate(SESSION_HASH, SCHOOL_ID)).resolves.toBe(false);
    expect(dynamoMock).toHaveReceivedCommandWith(UpdateCommand, {
      ConditionExpression: 'attribute_exists(PK) AND schoolId = :school',
    });
  });

  it('ignores dropping the elevation of a session that has gone', async () => {
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    await expect(sessions.dropElevation(SESSION_HASH)).resolves.toBeUndefined();
  });
});
