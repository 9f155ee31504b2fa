/**
 * Establishes who is calling, per the endpoint's access rule. Deny by default: a rule this
 * function does not know refuses the request.
 */
import type { AccessRule, Principal } from './endpoint';
import { problems } from './problem';
import type { HeaderMap } from './request-parsing';

export interface Authenticators {
  /** Resolves an operator bearer token to its record, or undefined when it is not valid. */
  readonly operator: (secret: string) => Promise<{ tokenId: string; label: string } | undefined>;
}

function bearerToken(headers: HeaderMap): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
  return match?.[1];
}

export async function establishPrincipal(
  rule: AccessRule,
  headers: HeaderMap,
  authenticators: Authenticators,
): Promise<Principal> {
  switch (rule.kind) {
    case 'public':
      return { kind: 'anonymous' };
    case 'operator': {
      const secret = bearerToken(headers);
      if (!secret) {
        throw problems.unauthenticated(
          'This operation needs an operator token.',
          'Bearer realm="lantern-operator"',
        );
      }
      const token = await authenticators.operator(secret);
      if (!token) {
        throw problems.unauthenticated(
          'The operator token is not valid.',
          'Bearer realm="lantern-operator", error="invalid_token"',
        );
      }
      return { kind: 'operator', tokenId: token.tokenId, label: token.label };
    }
    default: {
      const unknown: never = rule;
      throw problems.forbidden(`No access rule ${JSON.stringify(unknown)}.`);
    }
  }
}
