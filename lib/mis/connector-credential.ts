/**
 * MIS connector credentials (issue 5, MIS-1): a secret a school's MIS connector (Wonde, a script, a
 * vendor) presents to push extracts for that one school. An admin with `admin.imports` creates,
 * rotates and revokes them. The secret is shown once; only its SHA-256 is stored, as the key of the
 * item that authenticates it, so a leaked table holds nothing a connector could replay.
 */
import { z } from 'zod';

/** A readable prefix lets secret scanners and support staff recognise a leaked connector secret. */
export const CONNECTOR_SECRET_PREFIX = 'lcn_';

/** A school has a handful (one per connector and maybe one being replaced); the cap keeps the list one small Query. */
export const MAX_CONNECTOR_CREDENTIALS_PER_SCHOOL = 20;

/** `lastUsedAt` is written at most this often per credential, so a push does not always write. */
export const LAST_USED_RESOLUTION_MS = 60 * 60 * 1000;

export const ConnectorLabelSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters');

/** The stored record (without its hash, which is only ever the item's key). */
export const ConnectorCredentialSchema = z.object({
  schoolId: z.string().uuid(),
  credentialId: z.string().uuid(),
  label: ConnectorLabelSchema,
  createdAt: z.iso.datetime(),
  /** The admin who created it. */
  createdBy: z.string().uuid(),
  createdByName: z.string().max(120),
  /** When its secret was last replaced; the credential keeps its id, label and creation. */
  rotatedAt: z.iso.datetime().optional(),
  /** Set by a push, at most once an hour; cleared by a rotation (the new secret is unused). */
  lastUsedAt: z.iso.datetime().optional(),
});
export type ConnectorCredential = z.infer<typeof ConnectorCredentialSchema>;

/** What the admin screen lists: never the secret or its hash. */
export const ConnectorCredentialViewSchema = z
  .object({
    credentialId: z.string().uuid(),
    label: z.string(),
    createdAt: z.iso.datetime(),
    createdByName: z.string(),
    rotatedAt: z.iso.datetime().optional(),
    lastUsedAt: z.iso.datetime().optional().meta({
      description: 'When a push last used it, to the hour (it is recorded at most once an hour).',
    }),
  })
  .meta({ id: 'ConnectorCredential' });
export type ConnectorCredentialView = z.infer<typeof ConnectorCredentialViewSchema>;

export const NewConnectorCredentialSchema = z
  .object({
    label: ConnectorLabelSchema.meta({ description: 'What the connector is, e.g. "Wonde nightly".' }),
  })
  .strict()
  .meta({ id: 'NewConnectorCredential' });

export const ConnectorCredentialIdParams = z.object({ credentialId: z.string().uuid() });

/** A new or rotated credential, with everything the connector author needs. Shown once. */
export const IssuedConnectorCredentialSchema = z
  .object({
    credential: ConnectorCredentialViewSchema,
    secret: z.string().meta({
      description:
        'Send as `Authorization: Bearer <secret>`. Shown only in this response: Lantern keeps only its hash.',
    }),
    schoolId: z.string().uuid(),
    pushPath: z.string().meta({ description: 'Where the connector POSTs extracts, on this origin.' }),
  })
  .meta({ id: 'IssuedConnectorCredential' });
export type IssuedConnectorCredential = z.infer<typeof IssuedConnectorCredentialSchema>;

/** The push endpoint's path for a school (the push API itself lives in the `mis` API area). */
export function extractPushPath(schoolId: string): string {
  return `/api/mis/schools/${schoolId}/extracts`;
}

export function toConnectorCredentialView(credential: ConnectorCredential): ConnectorCredentialView {
  const { credentialId, label, createdAt, createdByName, rotatedAt, lastUsedAt } = credential;
  return {
    credentialId,
    label,
    createdAt,
    createdByName,
    ...(rotatedAt ? { rotatedAt } : {}),
    ...(lastUsedAt ? { lastUsedAt } : {}),
  };
}
