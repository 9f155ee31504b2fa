/**
 * Training mode endpoints (REC-11). Every signed-in person learns whether it is on (the banner, under
 * /api/dashboard); admins with `admin.settings` switch it on, review what was recorded in it, and
 * switch it off keeping or discarding those records.
 */
import { z } from 'zod';
import { defineEndpoint } from '../platform/http/endpoint';
import { TrainingEntrySchema } from './training-entry';

const tags = ['Training mode'];
const settings = { kind: 'staff', permission: 'admin.settings' } as const;

export const TrainingStatusSchema = z
  .object({
    trainingMode: z.boolean(),
    schoolName: z.string(),
    /** Incidents (each followed by its actions) and actions on ordinary incidents recorded in training. */
    entries: z.array(TrainingEntrySchema),
  })
  .meta({ id: 'TrainingStatus' });

export const getTrainingMode = defineEndpoint({
  operationId: 'getTrainingMode',
  method: 'GET',
  path: '/api/dashboard/training-mode',
  summary: "Whether the school's training mode is on (every page shows a banner while it is)",
  tags,
  access: { kind: 'staff' },
  successStatus: 200,
  response: z.object({ trainingMode: z.boolean() }).meta({ id: 'TrainingModeFlag' }),
});

/**
 * Admin-only (admin.settings) and not narrowed by category or class: deciding what to keep must cover
 * everything recorded in training, and an entry carries only the incident number, the pupil's id and
 * who recorded it (no pupil name, category or text), so it shows nothing of a record the admin may not
 * open; the incident itself is opened through the ordinary, permission-checked routes.
 */
export const getTraining = defineEndpoint({
  operationId: 'getTraining',
  method: 'GET',
  path: '/api/admin/training',
  summary: 'Training mode and the incidents and actions recorded while it was on, for review',
  tags,
  access: settings,
  successStatus: 200,
  response: TrainingStatusSchema,
});

export const startTraining = defineEndpoint({
  operationId: 'startTraining',
  method: 'POST',
  path: '/api/admin/training/start',
  summary: 'Switch training mode on: new incidents and actions are marked as training',
  tags,
  access: settings,
  successStatus: 200,
  response: TrainingStatusSchema,
});

export const finishTraining = defineEndpoint({
  operationId: 'finishTraining',
  method: 'POST',
  path: '/api/admin/training/finish',
  summary:
    "Switch training mode off: keep the incidents named as ordinary records, discard the rest (confirm with the school's name; repeat while remaining > 0)",
  tags,
  access: settings,
  body: z
    .object({
      schoolName: z.string().trim().min(1, "type the school's full name to confirm").max(200),
      keepIncidentIds: z.array(z.string().uuid()).max(1000).default([]),
    })
    .strict(),
  successStatus: 200,
  response: z
    .object({
      finished: z.boolean(),
      kept: z.number().int().min(0),
      discarded: z.number().int().min(0),
      remaining: z.number().int().min(0),
    })
    .meta({ id: 'TrainingFinishProgress' }),
});

export const DASHBOARD_TRAINING_ENDPOINTS = [getTrainingMode];
export const ADMIN_TRAINING_ENDPOINTS = [getTraining, startTraining, finishTraining];
