/**
 * WebAuthn challenges, kept server-side beside the session they were issued to: one per session and
 * ceremony (a newer one replaces the older), taken (deleted) on first use so an assertion or
 * attestation can never be replayed, and removed by TTL when abandoned. Owns the WebAuthnChallenge keys.
 */
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { secondFactorKeys, type WebAuthnCeremony } from '../../data/keys';

export const WebAuthnChallengeSchema = z.object({
  sessionHash: z.string().regex(/^[0-9a-f]{64}$/),
  ceremony: z.enum(['registration', 'elevation']),
  personId: z.string().uuid(),
  /** base64url, as sent to the browser in the options. */
  challenge: z.string().min(16),
  /** TTL (epoch seconds); also checked when taken, because DynamoDB removes expired items only eventually. */
  expiresAt: z.number().int(),
});

export type WebAuthnChallenge = z.infer<typeof WebAuthnChallengeSchema>;

export class WebAuthnChallengeRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put(challenge: WebAuthnChallenge): Promise<void> {
    await this.dynamo.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...secondFactorKeys.webAuthnChallenge(challenge.sessionHash, challenge.ceremony),
          itemType: 'WebAuthnChallenge',
          ...WebAuthnChallengeSchema.parse(challenge),
        },
      }),
    );
  }

  /**
   * Removes the session's challenge for the ceremony and returns it, or undefined when there is none
   * or it has expired. Deleting first means a second use finds nothing, whatever the first one's outcome.
   */
  async take(
    sessionHash: string,
    ceremony: WebAuthnCeremony,
    now: Date,
  ): Promise<WebAuthnChallenge | undefined> {
    const result = await this.dynamo.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: secondFactorKeys.webAuthnChallenge(sessionHash, ceremony),
        ReturnValues: 'ALL_OLD',
      }),
    );
    if (!result.Attributes) return undefined;
    const challenge = WebAuthnChallengeSchema.parse(result.Attributes);
    return challenge.expiresAt * 1000 > now.getTime() ? challenge : undefined;
  }
}
