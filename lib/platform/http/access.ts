/**
 * Establishes who is calling, per the endpoint's access rule. Deny by default: a rule this
 * function does not know refuses the request.
 */
import { authorisation, type AccessProfile } from '../../access/authorisation';
import { SYSTEM_PERMISSION_LABELS } from '../../access/permissions';
import { constantTimeEqual } from '../../identity/opaque-token';
import { readSessionCookie } from '../../identity/session-cookie';
import type { AccessRule, ConnectorPrincipal, Principal, StaffPrincipal } from './endpoint';
import { problems } from './problem';
import type { HeaderMap } from './request-parsing';

export interface StaffSession {
  readonly personId: string;
  readonly displayName: string;
  readonly schoolId: string;
  readonly elevated: boolean;
  readonly sessionHash: string;
  readonly csrfToken: string;
  readonly access: AccessProfile;
}

/** A staff request refused for want of a permission: written to the person's security log. */
export interface AccessRefusal {
  readonly personId: string;
  readonly schoolId: string;
  readonly reason: string;
  readonly sourceIp: string;
  readonly userAgent: string;
}

export interface Authenticators {
  /** Resolves an operator bearer token to its record, or undefined when it is not valid. */
  readonly operator: (secret: string) => Promise<{ tokenId: string; label: string } | undefined>;
  /** Resolves an MIS connector secret to its credential, or undefined when it is unknown or revoked. */
  readonly connector: (
    secret: string,
  ) => Promise<{ schoolId: string; credentialId: string; label: string } | undefined>;
  /** Resolves a session cookie to its live session, or undefined when it is unknown, expired or ended. */
  readonly staff: (sessionId: string) => Promise<StaffSession | undefined>;
  readonly recordRefusal: (refusal: AccessRefusal) => Promise<void>;
}

export interface RequestOrigin {
  readonly operationId: string;
  readonly sourceIp: string;
  readonly userAgent: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerToken(headers: HeaderMap): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
  return match?.[1];
}

export async function establishPrincipal(
  rule: AccessRule,
  method: string,
  headers: HeaderMap,
  authenticators: Authenticators,
  origin: RequestOrigin,
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
    case 'connector': {
      // Only the bearer header counts: a session cookie (sent by any browser) never stands in for it.
      const secret = bearerToken(headers);
      if (!secret) {
        throw problems.unauthenticated(
          'This operation needs an MIS connector credential.',
          'Bearer realm="lantern-connector"',
        );
      }
      const credential = await authenticators.connector(secret);
      if (!credential) {
        throw problems.unauthenticated(
          'The connector credential is not valid: it may have been rotated or revoked.',
          'Bearer realm="lantern-connector", error="invalid_token"',
        );
      }
      return {
        kind: 'connector',
        schoolId: credential.schoolId,
        credentialId: credential.credentialId,
        label: credential.label,
      };
    }
    case 'staff': {
      const sessionId = readSessionCookie(headers.cookie);
      const session = sessionId ? await authenticators.staff(sessionId) : undefined;
      if (!session) throw problems.unauthenticated('Sign in to continue.');
      // SameSite=Strict already keeps the cookie off cross-site requests; the token is a second lock.
      if (!SAFE_METHODS.has(method) && !constantTimeEqual(headers['x-csrf-token'] ?? '', session.csrfToken)) {
        throw problems.forbidden(
          "The request is missing its X-CSRF-Token, or the token is not this session's.",
        );
      }
      if (rule.permission && !authorisation.mayDo(session.access, rule.permission)) {
        const needsKey = authorisation.mayDoOnceElevated(session.access, rule.permission);
        await authenticators.recordRefusal({
          personId: session.personId,
          schoolId: session.schoolId,
          reason: `${origin.operationId}: ${needsKey ? 'not elevated' : `no ${rule.permission} permission`}`,
          sourceIp: origin.sourceIp,
          userAgent: origin.userAgent,
        });
        const what = SYSTEM_PERMISSION_LABELS[rule.permission].toLowerCase();
        throw needsKey
          ? problems.elevationRequired(`Elevate your access with your key to ${what}.`)
          : problems.forbidden(`Your user group does not allow you to ${what}.`);
      }
      return {
        kind: 'staff',
        personId: session.personId,
        displayName: session.displayName,
        schoolId: session.schoolId,
        elevated: session.elevated,
        sessionHash: session.sessionHash,
        access: session.access,
      };
    }
    default: {
      const unknown: never = rule;
      throw problems.forbidden(`No access rule ${JSON.stringify(unknown)}.`);
    }
  }
}

/** The staff principal of a request whose endpoint's rule is `staff` (the bundle has already checked it). */
export function staffPrincipal(principal: Principal): StaffPrincipal {
  if (principal.kind !== 'staff') throw problems.unauthenticated('Sign in to continue.');
  return principal;
}

/** The connector principal of a request whose endpoint's rule is `connector` (the bundle has already checked it). */
export function connectorPrincipal(principal: Principal): ConnectorPrincipal {
  if (principal.kind !== 'connector') {
    throw problems.unauthenticated(
      'This operation needs an MIS connector credential.',
      'Bearer realm="lantern-connector"',
    );
  }
  return principal;
}
