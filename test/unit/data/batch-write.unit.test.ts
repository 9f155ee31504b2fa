import { DynamoDBDocumentClient, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { batchWriteAll, type WriteRequest } from '../../../lib/data/batch-write';

const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' }));
const mock = mockClient(dynamo);

beforeEach(() => mock.reset());

const puts = (count: number): WriteRequest[] =>
  Array.from({ length: count }, (_, index) => ({ PutRequest: { Item: { PK: 'P', SK: String(index) } } }));

it('writes 25 requests a call', async () => {
  mock.on(BatchWriteCommand).resolves({});
  await batchWriteAll(dynamo, 't', puts(60));
  const sizes = mock
    .commandCalls(BatchWriteCommand)
    .map((call) => call.args[0].input.RequestItems!.t!.length);
  expect(sizes).toEqual([25, 25, 10]);
});

it('retries what DynamoDB leaves unprocessed until nothing remains', async () => {
  const requests = puts(3);
  mock
    .on(BatchWriteCommand)
    .resolvesOnce({ UnprocessedItems: { t: [requests[1]!, requests[2]!] } })
    .resolvesOnce({ UnprocessedItems: { t: [requests[2]!] } })
    .resolves({});
  await batchWriteAll(dynamo, 't', requests);
  const sent = mock.commandCalls(BatchWriteCommand).map((call) => call.args[0].input.RequestItems!.t!.length);
  expect(sent).toEqual([3, 2, 1]);
});

it('passes a failure of the call itself to the caller', async () => {
  mock.on(BatchWriteCommand).rejects(new Error('ProvisionedThroughputExceeded'));
  await expect(batchWriteAll(dynamo, 't', puts(1))).rejects.toThrow('ProvisionedThroughputExceeded');
});
