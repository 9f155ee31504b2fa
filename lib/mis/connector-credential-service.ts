/**
 * Issues, rotates, revokes and verifies MIS connector credentials. The school always comes from the
 * acting admin (never the request), so a credential id of another school is simply not found. Every
 * change is audited at school level, naming the credential and its label (never the secret).
 */
import { randomUUID } from 'node:crypto';
import { AdminConflictError, AdminNotFoundError } from '../admin/admin-errors';
import type { AuditActor } from '../audit/audit-event';
import type { AuditLog } from '../audit/audit-log';
import { hashToken, newOpaqueToken } from '../identity/opaque-token';
import {
  CONNECTOR_SECRET_PREFIX,
  LAST_USED_RESOLUTION_MS,
  MAX_CONNECTOR_CREDENTIALS_PER_SCHOOL,
  extractPushPath,
  toConnectorCredentialView,
  type ConnectorCredential,
  type ConnectorCredentialView,
  type IssuedConnectorCredential,
} from './connector-credential';
import type {
  ConnectorCredentialRepository,
  StoredConnectorCredential,
} from './connector-credential-repository';

/** Who a verified connector secret is: what the `connector` access rule puts in the principal. */
export interface VerifiedConnector {
  readonly schoolId: string;
  readonly credentialId: string;
  readonly label: string;
}

/** A presented secret longer than this is not one of ours, and is not hashed. */
const MAX_SECRET_LENGTH = 200;

export interface ConnectorCredentialServiceDependencies {
  readonly repository: ConnectorCredentialRepository;
  readonly audit: AuditLog;
  readonly now?: () => Date;
}

export class ConnectorCredentialService {
  private readonly now: () => Date;

  constructor(private readonly deps: ConnectorCredentialServiceDependencies) {
    this.now = deps.now ?? (() => new Date());
  }

  async list(schoolId: string): Promise<ConnectorCredentialView[]> {
    const stored = await this.deps.repository.listForSchool(schoolId);
    return stored.map(({ credential }) => toConnectorCredentialView(credential));
  }

  /** Creates a credential; the returned secret is never stored and cannot be shown again. */
  async create(actor: AuditActor, label: string): Promise<IssuedConnectorCredential> {
    const existing = await this.deps.repository.listForSchool(actor.schoolId);
    if (existing.length >= MAX_CONNECTOR_CREDENTIALS_PER_SCHOOL) {
      throw new AdminConflictError(
        `A school can have at most ${MAX_CONNECTOR_CREDENTIALS_PER_SCHOOL} connector credentials; revoke one first.`,
      );
    }
    const secret = newOpaqueToken(CONNECTOR_SECRET_PREFIX);
    const credential: ConnectorCredential = {
      schoolId: actor.schoolId,
      credentialId: randomUUID(),
      label,
      createdAt: this.now().toISOString(),
      createdBy: actor.personId,
      createdByName: actor.actorName.slice(0, 120),
    };
    await this.deps.repository.create(hashToken(secret), credential);
    await this.record(actor, 'mis.connector.create', credential);
    return this.issued(credential, secret);
  }

  /** A new secret for the same credential (id and label); the old secret stops working at once. */
  async rotate(actor: AuditActor, credentialId: string): Promise<IssuedConnectorCredential> {
    const current = await this.find(actor.schoolId, credentialId);
    const secret = newOpaqueToken(CONNECTOR_SECRET_PREFIX);
    const { lastUsedAt: _previousUse, ...kept } = current.credential;
    const rotated: ConnectorCredential = { ...kept, rotatedAt: this.now().toISOString() };
    if (!(await this.deps.repository.rotate(current.secretHash, hashToken(secret), rotated))) {
      throw new AdminNotFoundError('connector credential');
    }
    await this.record(actor, 'mis.connector.rotate', rotated);
    return this.issued(rotated, secret);
  }

  /** Deletes the credential: the next push with its secret is refused (401). */
  async revoke(actor: AuditActor, credentialId: string): Promise<void> {
    const current = await this.find(actor.schoolId, credentialId);
    if (!(await this.deps.repository.delete(current.secretHash, actor.schoolId, credentialId))) {
      throw new AdminNotFoundError('connector credential');
    }
    await this.record(actor, 'mis.connector.revoke', current.credential);
  }

  /**
   * The credential a presented secret belongs to, or undefined. One GetItem on the secret's hash (so
   * the lookup does not depend on how much of a guess is right); a use is recorded at most once an hour.
   */
  async verify(secret: string): Promise<VerifiedConnector | undefined> {
    if (!secret.startsWith(CONNECTOR_SECRET_PREFIX) || secret.length > MAX_SECRET_LENGTH) return undefined;
    const secretHash = hashToken(secret);
    const credential = await this.deps.repository.findByHash(secretHash);
    if (!credential) return undefined;
    const now = this.now();
    const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS).toISOString();
    if (!credential.lastUsedAt || credential.lastUsedAt < staleBefore) {
      await this.deps.repository.touch(secretHash, now.toISOString(), staleBefore);
    }
    return { schoolId: credential.schoolId, credentialId: credential.credentialId, label: credential.label };
  }

  private async find(schoolId: string, credentialId: string): Promise<StoredConnectorCredential> {
    const stored = await this.deps.repository.listForSchool(schoolId);
    const found = stored.find((candidate) => candidate.credential.credentialId === credentialId);
    if (!found) throw new AdminNotFoundError('connector credential');
    return found;
  }

  private issued(credential: ConnectorCredential, secret: string): IssuedConnectorCredential {
    return {
      credential: toConnectorCredentialView(credential),
      secret,
      schoolId: credential.schoolId,
      pushPath: extractPushPath(credential.schoolId),
    };
  }

  private async record(
    actor: AuditActor,
    action: 'mis.connector.create' | 'mis.connector.rotate' | 'mis.connector.revoke',
    credential: ConnectorCredential,
  ): Promise<void> {
    await this.deps.audit.record(actor, {
      action,
      resourceType: 'mis-connector',
      resourceId: credential.credentialId,
      detail: `label "${credential.label}"`,
    });
  }
}
