/**
 * Attendance endpoint (MIS-2): a pupil's attendance summary and their newest months of daily marks.
 * Served by the pupils area; read like the pupil's record (students.details, class restrictions).
 */
import { defineEndpoint } from '../platform/http/endpoint';
import { PupilIdParams } from '../pupils/pupil-schemas';
import { AttendanceQuerySchema, PupilAttendanceSchema } from './attendance';

export const getPupilAttendance = defineEndpoint({
  operationId: 'getPupilAttendance',
  method: 'GET',
  path: '/api/pupils/{pupilId}/attendance',
  summary:
    "A pupil's attendance: DfE figures from the stored daily marks and the MIS's own summary, and the newest months of AM/PM marks (3 unless asked, at most 12)",
  tags: ['Pupils'],
  access: { kind: 'staff', permission: 'students.details' },
  params: PupilIdParams,
  query: AttendanceQuerySchema,
  successStatus: 200,
  response: PupilAttendanceSchema,
});

export const ATTENDANCE_ENDPOINTS = [getPupilAttendance] as const;
