/** Issues and verifies operator tokens. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { OPERATOR_TOKEN_PREFIX, type OperatorToken } from './operator-token';
import type { OperatorTokenRepository } from './operator-token-repository';

export function hashOperatorToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export class OperatorTokenService {
  constructor(
    private readonly repository: OperatorTokenRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Creates a token; the returned secret is never stored and cannot be shown again. */
  async issue(label: string): Promise<{ token: OperatorToken; secret: string }> {
    const secret = `${OPERATOR_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const token: OperatorToken = { tokenId: randomUUID(), label, createdAt: this.now().toISOString() };
    await this.repository.create(hashOperatorToken(secret), token);
    return { token, secret };
  }

  /** The token's record if the secret is valid and not revoked. Lookup by hash keeps it constant-time in the secret. */
  async verify(secret: string): Promise<OperatorToken | undefined> {
    if (!secret.startsWith(OPERATOR_TOKEN_PREFIX) || secret.length > 200) return undefined;
    const token = await this.repository.findByHash(hashOperatorToken(secret));
    return token && !token.revokedAt ? token : undefined;
  }
}
