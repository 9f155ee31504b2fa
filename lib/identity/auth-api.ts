/** Staff sign-in and session endpoints. */
import { z } from 'zod';
import { defineEndpoint } from '../platform/http/endpoint';
import { EmailSchema, SecurityEventSchema } from './identity';

const staff = { kind: 'staff' } as const;

const SchoolChoiceSchema = z
  .object({ schoolId: z.string().uuid(), name: z.string() })
  .meta({ id: 'SchoolChoice' });

export const SessionViewSchema = z
  .object({
    person: z.object({ personId: z.string().uuid(), email: z.string(), displayName: z.string() }),
    school: SchoolChoiceSchema,
    /** Every school this person can switch to without signing in again. */
    schools: z.array(SchoolChoiceSchema),
    elevated: z.boolean(),
    /** Whether the person has a second-factor key: offer "Elevate your access" if so, "Add a key" if not. */
    hasKey: z.boolean(),
    /** Send as X-CSRF-Token on every POST, PUT, PATCH and DELETE. */
    csrfToken: z.string(),
    idleTimeoutSeconds: z.number().int(),
  })
  .meta({ id: 'SessionView' });

export const signIn = defineEndpoint({
  operationId: 'signIn',
  method: 'POST',
  path: '/api/auth/sign-in',
  summary: 'Sign in with email and password; sets the session cookie',
  tags: ['Sign-in'],
  access: { kind: 'public' },
  body: z
    .object({
      email: EmailSchema,
      password: z.string().min(1).max(1024),
      schoolId: z.string().uuid().optional(),
    })
    .strict()
    .meta({ id: 'SignInInput' }),
  successStatus: 200,
  response: SessionViewSchema,
  otherProblemStatuses: [429],
});

export const getSession = defineEndpoint({
  operationId: 'getSession',
  method: 'GET',
  path: '/api/auth/session',
  summary: 'The signed-in person, their current school and the schools they can switch to',
  tags: ['Sign-in'],
  access: staff,
  successStatus: 200,
  response: SessionViewSchema,
});

export const switchSchool = defineEndpoint({
  operationId: 'switchSchool',
  method: 'POST',
  path: '/api/auth/switch-school',
  summary: 'Move this session to another school the person works at',
  tags: ['Sign-in'],
  access: staff,
  body: z.object({ schoolId: z.string().uuid() }).strict(),
  successStatus: 200,
  response: SessionViewSchema,
});

export const signOut = defineEndpoint({
  operationId: 'signOut',
  method: 'POST',
  path: '/api/auth/sign-out',
  summary: 'End this session',
  tags: ['Sign-in'],
  access: staff,
  successStatus: 204,
  response: z.undefined(),
});

export const signOutEverywhere = defineEndpoint({
  operationId: 'signOutEverywhere',
  method: 'POST',
  path: '/api/auth/sign-out-everywhere',
  summary: "End every one of this person's sessions, on every device",
  tags: ['Sign-in'],
  access: staff,
  successStatus: 204,
  response: z.undefined(),
});

export const getMySecurityLog = defineEndpoint({
  operationId: 'getMySecurityLog',
  method: 'GET',
  path: '/api/auth/security-log',
  summary: 'Your own security log, newest first: sign-ins, refusals, lockouts, sign-outs',
  tags: ['Sign-in'],
  access: staff,
  query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }),
  successStatus: 200,
  response: z.object({ items: z.array(SecurityEventSchema) }).meta({ id: 'SecurityLogPage' }),
});

export const requestPasswordLink = defineEndpoint({
  operationId: 'requestPasswordLink',
  method: 'POST',
  path: '/api/auth/password-link',
  summary:
    'Email a link to set a first password or reset a forgotten one (always 202: never says whether the email is known)',
  tags: ['Sign-in'],
  access: { kind: 'public' },
  body: z.object({ email: EmailSchema }).strict().meta({ id: 'PasswordLinkRequest' }),
  successStatus: 202,
  response: z.object({ message: z.string() }),
});

export const setPassword = defineEndpoint({
  operationId: 'setPassword',
  method: 'POST',
  path: '/api/auth/password',
  summary: "Set a password with an emailed link's token; ends every existing session of that person",
  tags: ['Sign-in'],
  access: { kind: 'public' },
  body: z
    .object({ token: z.string().min(1).max(200), password: z.string().min(1).max(1024) })
    .strict()
    .meta({ id: 'SetPasswordInput' }),
  successStatus: 204,
  response: z.undefined(),
});

export const AUTH_ENDPOINTS = [
  signIn,
  getSession,
  switchSchool,
  signOut,
  signOutEverywhere,
  getMySecurityLog,
  requestPasswordLink,
  setPassword,
] as const;
