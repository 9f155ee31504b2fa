/**
 * The admin API as the e2e tests use it to set up data behind the page (a user to move, a member who
 * joins a group while the page is open) and to check what the page saved. Shapes follow
 * lib/admin/admin-schemas.ts and lib/access/*.ts; only the fields the tests read are typed.
 */
import { randomBytes } from 'node:crypto';
import type { APIRequestContext, APIResponse } from 'playwright-core';
import { lanternUrl } from './browser';

/** A short suffix that makes names and emails unique to one test in a shared e2e runtime. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** An address in the demo school's domain that no other test uses. */
export function uniqueEmail(label: string): string {
  const slug = label.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return `e2e-${slug}-${uniqueSuffix()}@oakfield.example.org`;
}

export interface UserSummary {
  personId: string;
  displayName: string;
  email: string;
  status: 'active' | 'deactivated';
  groupId?: string;
  groupName?: string;
  lockedUntil?: string;
  hasPassword: boolean;
  hasKey: boolean;
}

export interface CategoryPermission {
  viewStudents: boolean;
  viewIncidents: boolean;
  addIncidents: boolean;
}

export interface UserGroup {
  groupId: string;
  name: string;
  description: string;
  systemPermissions: string[];
  categoryPermissions: Record<string, CategoryPermission>;
  newCategoryDefault: CategoryPermission;
  memberCount: number;
  version: number;
}

export interface AlertGroup {
  alertGroupId: string;
  name: string;
  personIds: string[];
  version: number;
}

export interface ClassGroup {
  classId: string;
  name: string;
  kind: 'tutor' | 'year';
  access: { personIds: string[]; groupIds: string[] };
  awaitingAccess: boolean;
  version: number;
}

export interface SchoolSettings {
  idleTimeoutMinutes: number;
  allowedEmailDomains: string[];
  classRestrictionsEnabled: boolean;
  requireAlert: boolean;
  version: number;
}

const NOTHING: CategoryPermission = { viewStudents: false, viewIncidents: false, addIncidents: false };

export class AdminApi {
  constructor(
    private readonly request: APIRequestContext,
    private readonly csrfToken: string,
  ) {}

  private async json<T>(response: APIResponse, what: string): Promise<T> {
    if (!response.ok())
      throw new Error(`${what} was answered ${response.status()}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  async get<T>(path: string): Promise<T> {
    return this.json<T>(await this.request.get(lanternUrl(path)), `GET ${path}`);
  }

  /** A changing request with the session's CSRF token; resolves with the raw answer. */
  send(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<APIResponse> {
    return this.request.fetch(lanternUrl(path), {
      method,
      headers: { 'X-CSRF-Token': this.csrfToken },
      ...(body === undefined ? {} : { data: body }),
    });
  }

  async userGroups(): Promise<UserGroup[]> {
    return (await this.get<{ items: UserGroup[] }>('/api/admin/user-groups')).items;
  }

  async groupIdNamed(name: string): Promise<string> {
    const group = (await this.userGroups()).find((candidate) => candidate.name === name);
    if (!group) throw new Error(`No user group called ${name}`);
    return group.groupId;
  }

  async userGroup(groupId: string): Promise<UserGroup> {
    return this.get<UserGroup>(`/api/admin/user-groups/${groupId}`);
  }

  async users(status: 'active' | 'deactivated' = 'active'): Promise<UserSummary[]> {
    return (await this.get<{ items: UserSummary[] }>(`/api/admin/users?status=${status}`)).items;
  }

  async user(personId: string): Promise<UserSummary & { keys: { label: string }[] }> {
    return this.get(`/api/admin/users/${personId}`);
  }

  async addUser(options: {
    displayName: string;
    email: string;
    groupName: string;
    sendPasswordEmail?: boolean;
  }): Promise<UserSummary> {
    const groupId = await this.groupIdNamed(options.groupName);
    const response = await this.send('POST', '/api/admin/users', {
      displayName: options.displayName,
      email: options.email,
      groupId,
      sendPasswordEmail: options.sendPasswordEmail ?? false,
    });
    return this.json<UserSummary>(response, `Adding ${options.email}`);
  }

  async moveUser(personId: string, groupId: string): Promise<void> {
    await this.json(await this.send('PATCH', `/api/admin/users/${personId}`, { groupId }), 'Moving a user');
  }

  async createUserGroup(name: string, systemPermissions: string[] = []): Promise<UserGroup> {
    const response = await this.send('POST', '/api/admin/user-groups', {
      name,
      description: 'Made by an e2e test',
      systemPermissions,
      categoryPermissions: {},
      newCategoryDefault: NOTHING,
    });
    return this.json<UserGroup>(response, `Creating the user group ${name}`);
  }

  async alertGroups(): Promise<AlertGroup[]> {
    return (await this.get<{ items: AlertGroup[] }>('/api/admin/alert-groups')).items;
  }

  async classes(): Promise<{ items: ClassGroup[]; classRestrictionsEnabled: boolean }> {
    return this.get('/api/admin/classes');
  }

  async settings(): Promise<SchoolSettings> {
    return this.get<SchoolSettings>('/api/admin/settings');
  }

  async saveSettings(changes: Partial<Omit<SchoolSettings, 'version'>>): Promise<SchoolSettings> {
    const { version, idleTimeoutMinutes, allowedEmailDomains, classRestrictionsEnabled, requireAlert } =
      await this.settings();
    const response = await this.send('PUT', '/api/admin/settings', {
      idleTimeoutMinutes,
      allowedEmailDomains,
      classRestrictionsEnabled,
      requireAlert,
      ...changes,
      version,
    });
    return this.json<SchoolSettings>(response, 'Saving the settings');
  }
}
