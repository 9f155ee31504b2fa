/** Stores a pupil's contacts; owns the PupilContact keys. Contacts added by hand are the only ones edited here. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { pupilKeys } from '../data/keys';
import { StaleItemError } from '../data/school-collection';
import { ContactSchema, type Contact } from './pupil';

/** The stored item of a contact (also for batch loads: demo data, the MIS import). */
export function contactItem(schoolId: string, contact: Contact): Record<string, unknown> {
  return {
    ...pupilKeys.contact(schoolId, contact.pupilId, contact.contactId),
    itemType: 'PupilContact',
    ...ContactSchema.parse(contact),
  };
}

export class ContactRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(schoolId: string, pupilId: string, contactId: string): Promise<Contact | undefined> {
    const result = await this.dynamo.send(
      new GetCommand({
        TableName: this.tableName,
        Key: pupilKeys.contact(schoolId, pupilId, contactId),
        ConsistentRead: true,
      }),
    );
    return result.Item ? ContactSchema.parse(result.Item) : undefined;
  }

  /** Adds a contact; StaleItemError when one with this id exists already. */
  async create(schoolId: string, contact: Contact): Promise<void> {
    await this.conditional(
      new PutCommand({
        TableName: this.tableName,
        Item: contactItem(schoolId, contact),
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  /** Saves a contact added by hand if it is still at the version before `contact.version`. */
  async update(schoolId: string, contact: Contact): Promise<void> {
    await this.conditional(
      new PutCommand({
        TableName: this.tableName,
        Item: contactItem(schoolId, contact),
        ConditionExpression: 'attribute_exists(PK) AND version = :previous AND #source = :manual',
        ExpressionAttributeNames: { '#source': 'source' },
        ExpressionAttributeValues: { ':previous': contact.version - 1, ':manual': 'manual' },
      }),
    );
  }

  /** Removes a contact added by hand, if it is still at `version`. */
  async delete(schoolId: string, pupilId: string, contactId: string, version: number): Promise<void> {
    await this.conditional(
      new DeleteCommand({
        TableName: this.tableName,
        Key: pupilKeys.contact(schoolId, pupilId, contactId),
        ConditionExpression: 'version = :version AND #source = :manual',
        ExpressionAttributeNames: { '#source': 'source' },
        ExpressionAttributeValues: { ':version': version, ':manual': 'manual' },
      }),
    );
  }

  private async conditional(command: PutCommand | DeleteCommand): Promise<void> {
    try {
      // Two sends, not one over the union: each command type has its own overload.
      if (command instanceof PutCommand) await this.dynamo.send(command);
      else await this.dynamo.send(command);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new StaleItemError();
      throw error;
    }
  }
}
