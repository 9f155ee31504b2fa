/**
 * The sign-in area's second-factor key endpoints (lib/identity/keys/keys-api.ts): thin bindings from
 * the contracts to the key services, and from their refusals to problem details that say what to do
 * without saying which check failed.
 */
import type { IdentityServices } from '../../lib/identity/identity-services';
import { ELEVATION_WINDOW_MS } from '../../lib/identity/keys/elevation-throttle';
import type { KeyActor } from '../../lib/identity/keys/key-change-policy';
import {
  ElevationRefusedError,
  ElevationRequiredError,
  KeyNotFoundError,
  KeyRegistrationRefusedError,
  NoWebAuthnKeyError,
} from '../../lib/identity/keys/key-errors';
import type { KeyServices } from '../../lib/identity/keys/key-services';
import {
  confirmTotpRegistration,
  confirmWebAuthnRegistration,
  elevate,
  listMyKeys,
  removeMyKey,
  startTotpRegistration,
  startWebAuthnElevation,
  startWebAuthnRegistration,
} from '../../lib/identity/keys/keys-api';
import { describeSession } from '../../lib/identity/session-view';
import { staffPrincipal } from '../../lib/platform/http/access';
import { implement, type BoundEndpoint, type Principal } from '../../lib/platform/http/endpoint';
import { HttpProblem, problems } from '../../lib/platform/http/problem';

/** Only where the request came from: nothing else of it reaches the security log. */
function originOf(request: { sourceIp: string; userAgent: string }) {
  return { sourceIp: request.sourceIp, userAgent: request.userAgent };
}

/** The problem a key service's refusal becomes; anything else is rethrown as it is. */
function keyProblem(error: unknown): Error {
  if (error instanceof HttpProblem) return error;
  if (error instanceof ElevationRequiredError) {
    return problems.elevationRequired(
      'You already have a key. Elevate your access with it before adding or removing keys.',
    );
  }
  if (error instanceof KeyNotFoundError) return problems.notFound('You have no key with that id.');
  if (error instanceof NoWebAuthnKeyError) {
    return problems.conflict(
      'You have no security key or passkey. Use a code from your authenticator app, or add a key.',
    );
  }
  if (error instanceof KeyRegistrationRefusedError) {
    if (error.keyType === 'webauthn') {
      return problems.validation(
        [{ field: 'body.response', reason: 'the security key or passkey could not be added' }],
        'Your security key or passkey could not be added. Try again.',
      );
    }
    return error.reason === 'wrong code'
      ? problems.validation(
          [{ field: 'body.code', reason: 'the code is not right: enter the code your app shows now' }],
          'The code is not right. Enter the code your authenticator app shows now.',
        )
      : problems.validation(
          [{ field: 'body.registrationId', reason: 'this registration has expired or was already used' }],
          'Adding this authenticator app took too long. Start again.',
        );
  }
  if (error instanceof ElevationRefusedError) {
    if (error.reason === 'too many attempts') {
      return problems.tooManyRequests(
        'Too many attempts to elevate your access. Wait 15 minutes and try again.',
        ELEVATION_WINDOW_MS / 1000,
      );
    }
    // Wrong, already used, unknown key, wrong site: the same words, so a guesser learns nothing.
    return error.method === 'totp'
      ? problems.validation(
          [{ field: 'body.code', reason: 'the code was not accepted' }],
          'That code was not accepted. Enter the code your authenticator app shows now: each code works once.',
        )
      : problems.forbidden('Your security key or passkey was not accepted. Try again, or use another key.');
  }
  return error instanceof Error ? error : new Error(String(error));
}

async function refusalsAsProblems<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw keyProblem(error);
  }
}

export function keyEndpoints(identity: IdentityServices, keys: KeyServices): BoundEndpoint[] {
  async function actorFor(principal: Principal): Promise<KeyActor> {
    const staff = staffPrincipal(principal);
    const person = await identity.people.get(staff.personId);
    if (!person) throw problems.unauthenticated('Sign in to continue.');
    return {
      person,
      schoolId: staff.schoolId,
      sessionHash: staff.sessionHash,
      elevated: staff.elevated,
    };
  }

  async function currentView(principal: Principal) {
    const view = await describeSession(identity, staffPrincipal(principal).sessionHash);
    if (!view) throw problems.unauthenticated('Sign in to continue.');
    return view;
  }

  return [
    implement(listMyKeys, async (request) => ({
      body: { items: await keys.myKeys.list(staffPrincipal(request.principal).personId) },
    })),
    implement(removeMyKey, async (request) => {
      const actor = await actorFor(request.principal);
      await refusalsAsProblems(() => keys.myKeys.remove(actor, request.params.keyId, originOf(request)));
      return { body: undefined };
    }),
    implement(startTotpRegistration, async (request) => {
      const actor = await actorFor(request.principal);
      return { body: await refusalsAsProblems(() => keys.totp.startRegistration(actor)) };
    }),
    implement(confirmTotpRegistration, async (request) => {
      const actor = await actorFor(request.principal);
      return {
        body: await refusalsAsProblems(() =>
          keys.totp.confirmRegistration(actor, request.body, originOf(request)),
        ),
      };
    }),
    implement(startWebAuthnRegistration, async (request) => {
      const actor = await actorFor(request.principal);
      return { body: await refusalsAsProblems(() => keys.webAuthn.registrationOptions(actor)) };
    }),
    implement(confirmWebAuthnRegistration, async (request) => {
      const actor = await actorFor(request.principal);
      return {
        body: await refusalsAsProblems(() =>
          keys.webAuthn.verifyRegistration(actor, request.body, originOf(request)),
        ),
      };
    }),
    implement(startWebAuthnElevation, async (request) => {
      const { personId, sessionHash } = staffPrincipal(request.principal);
      return { body: await refusalsAsProblems(() => keys.webAuthn.elevationOptions(personId, sessionHash)) };
    }),
    implement(elevate, async (request) => {
      const session = await identity.sessions.get(staffPrincipal(request.principal).sessionHash);
      if (!session) throw problems.unauthenticated('Sign in to continue.');
      await refusalsAsProblems(() => keys.elevation.elevate(session, request.body, originOf(request)));
      return { body: await currentView(request.principal) };
    }),
  ];
}
