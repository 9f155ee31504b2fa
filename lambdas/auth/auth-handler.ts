/**
 * Sign-in API area: sign in and out, the current session, switching school, the own security log, and
 * second-factor keys with elevation (key-endpoints.ts).
 */
import {
  getMySecurityLog,
  getSession,
  requestPasswordLink,
  setPassword,
  signIn,
  signOut,
  signOutEverywhere,
  switchSchool,
} from '../../lib/identity/auth-api';
import { PasswordLinkUnusableError } from '../../lib/identity/password-link-repository';
import { WeakPasswordError } from '../../lib/identity/password-link-service';
import { clearedSessionCookie, sessionCookie } from '../../lib/identity/session-cookie';
import { describeSession, sessionView } from '../../lib/identity/session-view';
import { SignInRefusedError } from '../../lib/identity/sign-in-service';
import { SOURCE_WINDOW_MS } from '../../lib/identity/sign-in-throttle';
import { createApiContext } from '../../lib/platform/api-context';
import { keyEndpoints } from './key-endpoints';
import { createApiHandler } from '../../lib/platform/http/api-handler';
import { staffPrincipal } from '../../lib/platform/http/access';
import { implement, type StaffPrincipal } from '../../lib/platform/http/endpoint';
import { HttpProblem, PROBLEM_TYPES, problems } from '../../lib/platform/http/problem';

const { identity, keys, passwordLinks, handlerOptions } = createApiContext();

/** Only where the request came from: nothing else of it reaches the security log. */
function originOf(request: { sourceIp: string; userAgent: string }) {
  return { sourceIp: request.sourceIp, userAgent: request.userAgent };
}

async function currentView(principal: StaffPrincipal) {
  const view = await describeSession(identity, principal.sessionHash);
  if (!view) throw problems.unauthenticated('Sign in to continue.');
  return view;
}

export const handler = createApiHandler(
  [
    implement(signIn, async ({ body, sourceIp, userAgent }) => {
      try {
        const signedIn = await identity.signIn.signIn(body, { sourceIp, userAgent });
        const hasKey = await identity.keys.hasAny(signedIn.person.personId);
        return {
          body: sessionView(signedIn.person, signedIn.session, signedIn.memberships, hasKey),
          headers: { 'Set-Cookie': sessionCookie(signedIn.sessionId) },
        };
      } catch (error) {
        if (!(error instanceof SignInRefusedError)) throw error;
        if (error.throttled) {
          throw problems.tooManyRequests(
            'Too many failed sign-ins from this network. Wait 15 minutes and try again.',
            SOURCE_WINDOW_MS / 1000,
          );
        }
        throw new HttpProblem(
          401,
          PROBLEM_TYPES.unauthenticated,
          'Email or password not recognised',
          'Check both and try again. After several failed attempts an account is locked for 15 minutes; ' +
            "your school's Lantern administrator can unlock it sooner.",
        );
      }
    }),
    implement(getSession, async (request) => ({
      body: await currentView(staffPrincipal(request.principal)),
    })),
    implement(switchSchool, async (request) => {
      const principal = staffPrincipal(request.principal);
      const session = await identity.sessions.get(principal.sessionHash);
      const moved =
        session && (await identity.signIn.switchSchool(session, request.body.schoolId, originOf(request)));
      // Not a member, or never heard of it: the same answer, so school ids cannot be probed.
      if (!moved) throw problems.forbidden('You cannot switch to that school.');
      return { body: await currentView(principal) };
    }),
    implement(signOut, async (request) => {
      const session = await identity.sessions.get(staffPrincipal(request.principal).sessionHash);
      if (session) await identity.signIn.signOut(session, originOf(request));
      return { body: undefined, headers: { 'Set-Cookie': clearedSessionCookie() } };
    }),
    implement(signOutEverywhere, async (request) => {
      const session = await identity.sessions.get(staffPrincipal(request.principal).sessionHash);
      if (session) await identity.signIn.signOutEverywhere(session, originOf(request));
      return { body: undefined, headers: { 'Set-Cookie': clearedSessionCookie() } };
    }),
    implement(requestPasswordLink, async ({ body, sourceIp, userAgent }) => {
      await passwordLinks.request(body.email, { sourceIp, userAgent });
      return {
        body: {
          message:
            'If that email belongs to a Lantern account, a link to set the password is on its way. ' +
            'It works until midnight tonight.',
        },
      };
    }),
    implement(setPassword, async ({ body, sourceIp, userAgent }) => {
      try {
        await passwordLinks.use(body.token, body.password, { sourceIp, userAgent });
      } catch (error) {
        if (error instanceof WeakPasswordError) {
          throw problems.validation(error.problems.map((reason) => ({ field: 'body.password', reason })));
        }
        if (error instanceof PasswordLinkUnusableError) {
          throw problems.validation(
            [{ field: 'body.token', reason: 'the link has expired or has already been used' }],
            'This link no longer works. Ask for a new one from the sign-in page.',
          );
        }
        throw error;
      }
      return { body: undefined };
    }),
    implement(getMySecurityLog, async (request) => ({
      body: {
        items: await identity.securityLog.list(
          staffPrincipal(request.principal).personId,
          request.query.limit,
        ),
      },
    })),
    ...keyEndpoints(identity, keys),
  ],
  handlerOptions,
);
