/** Training mode (REC-11): the banner's flag, the admin's review list, switching it on and off. */
import { getParsed, sendParsed, type ApiResult } from './api-result';
import { isNonEmptyString, isRecord } from './json-shapes';
import { listOf } from './json-readers';

export interface TrainingEntry {
  incidentId: string;
  actionId?: string;
  number: number;
  pupilId: string;
  recordedAt: string;
  recordedBy: { personId: string; name: string };
}

export interface TrainingStatus {
  trainingMode: boolean;
  schoolName: string;
  entries: TrainingEntry[];
}

export interface FinishProgress {
  finished: boolean;
  kept: number;
  discarded: number;
  remaining: number;
}

/** Sent when training mode changes here, so the banner need not wait for the next page. */
export const TRAINING_CHANGED_EVENT = 'lantern:training-changed';

function readEntry(value: unknown): TrainingEntry | undefined {
  if (!isRecord(value) || !isRecord(value.recordedBy)) return undefined;
  const { incidentId, actionId, number, pupilId, recordedAt } = value;
  const { personId, name } = value.recordedBy;
  if (
    !isNonEmptyString(incidentId) ||
    !isNonEmptyString(pupilId) ||
    !isNonEmptyString(recordedAt) ||
    typeof number !== 'number' ||
    !isNonEmptyString(personId) ||
    typeof name !== 'string'
  ) {
    return undefined;
  }
  return {
    incidentId,
    ...(isNonEmptyString(actionId) ? { actionId } : {}),
    number,
    pupilId,
    recordedAt,
    recordedBy: { personId, name },
  };
}

function readStatus(value: unknown): TrainingStatus | undefined {
  if (!isRecord(value) || typeof value.trainingMode !== 'boolean' || typeof value.schoolName !== 'string') {
    return undefined;
  }
  const entries = listOf(value.entries, readEntry);
  return entries ? { trainingMode: value.trainingMode, schoolName: value.schoolName, entries } : undefined;
}

export function getTrainingMode(signal?: AbortSignal): Promise<ApiResult<boolean>> {
  return getParsed(
    '/api/dashboard/training-mode',
    (body) => (isRecord(body) && typeof body.trainingMode === 'boolean' ? body.trainingMode : undefined),
    'training mode',
    signal,
  );
}

export function getTraining(signal?: AbortSignal): Promise<ApiResult<TrainingStatus>> {
  return getParsed('/api/admin/training', readStatus, 'training mode', signal);
}

export function startTraining(): Promise<ApiResult<TrainingStatus>> {
  return sendParsed('/api/admin/training/start', 'POST', undefined, readStatus, 'training mode');
}

export function finishTraining(
  schoolName: string,
  keepIncidentIds: readonly string[],
): Promise<ApiResult<FinishProgress>> {
  return sendParsed(
    '/api/admin/training/finish',
    'POST',
    { schoolName, keepIncidentIds },
    (body) =>
      isRecord(body) &&
      typeof body.finished === 'boolean' &&
      typeof body.kept === 'number' &&
      typeof body.discarded === 'number' &&
      typeof body.remaining === 'number'
        ? { finished: body.finished, kept: body.kept, discarded: body.discarded, remaining: body.remaining }
        : undefined,
    'progress',
  );
}
