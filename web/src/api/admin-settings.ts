/** Admin > Settings against /api/admin/settings (lib/access/school-settings.ts SchoolSettings). */
import { getParsed, sendParsed, type ApiResult } from './api-result';
import { stringArray, wholeNumber } from './json-readers';
import { isRecord } from './json-shapes';

export interface SchoolSettingsInput {
  /** Minutes without activity before the screen blanks and the session ends. */
  idleTimeoutMinutes: number;
  /** When not empty, users' emails must end with one of these. */
  allowedEmailDomains: string[];
  classRestrictionsEnabled: boolean;
  /** Every new incident must alert at least one person or alert group. */
  requireAlert: boolean;
  /** The nightly MIS import deactivates users added from MIS staff whom the MIS stops listing. */
  disableUsersMissingFromMis: boolean;
}

export interface SchoolSettings extends SchoolSettingsInput {
  /** 0 until the settings are first saved. */
  version: number;
}

export const IDLE_TIMEOUT_MINUTES = { min: 5, max: 120 } as const;

function parseSettings(body: unknown): SchoolSettings | undefined {
  if (!isRecord(body)) return undefined;
  const idleTimeoutMinutes = wholeNumber(body.idleTimeoutMinutes);
  const allowedEmailDomains = stringArray(body.allowedEmailDomains);
  const version = wholeNumber(body.version);
  const { classRestrictionsEnabled, requireAlert, disableUsersMissingFromMis } = body;
  if (idleTimeoutMinutes === undefined || !allowedEmailDomains || version === undefined) return undefined;
  if (typeof classRestrictionsEnabled !== 'boolean' || typeof requireAlert !== 'boolean') return undefined;
  if (typeof disableUsersMissingFromMis !== 'boolean') return undefined;
  return {
    idleTimeoutMinutes,
    allowedEmailDomains,
    classRestrictionsEnabled,
    requireAlert,
    disableUsersMissingFromMis,
    version,
  };
}

export function fetchSchoolSettings(signal?: AbortSignal): Promise<ApiResult<SchoolSettings>> {
  return getParsed('/api/admin/settings', parseSettings, "school's settings", signal);
}

export function saveSchoolSettings(
  settings: SchoolSettingsInput,
  version: number,
): Promise<ApiResult<SchoolSettings>> {
  return sendParsed(
    '/api/admin/settings',
    'PUT',
    { ...settings, version },
    parseSettings,
    "school's settings",
  );
}
