/**
 * DfE attendance codes (2024 scheme) as the Attendance tab explains them: each code's kind (which the
 * grid shows as a colour as well as the code itself) and its meaning, for the legend. The kinds are
 * lib/attendance/attendance-arithmetic.ts's; a unit test keeps the two the same.
 */
export type AttendanceCodeKind = 'present' | 'approved' | 'authorised' | 'unauthorised' | 'notCounted';

export const KIND_LABELS: Readonly<Record<AttendanceCodeKind, string>> = {
  present: 'Present',
  approved: 'Approved educational activity',
  authorised: 'Authorised absence',
  unauthorised: 'Unauthorised absence',
  notCounted: 'Not counted',
};

export const ATTENDANCE_CODE_MEANINGS: Readonly<
  Record<string, { kind: AttendanceCodeKind; meaning: string }>
> = {
  '/': { kind: 'present', meaning: 'Present (morning)' },
  '\\': { kind: 'present', meaning: 'Present (afternoon)' },
  L: { kind: 'present', meaning: 'Late, before the register closed' },
  K: { kind: 'approved', meaning: 'Education arranged by the local authority' },
  V: { kind: 'approved', meaning: 'Educational visit or trip' },
  P: { kind: 'approved', meaning: 'Approved sporting activity' },
  W: { kind: 'approved', meaning: 'Work experience' },
  B: { kind: 'approved', meaning: 'Other approved educational activity off site' },
  D: { kind: 'approved', meaning: 'Dual registered: at another school' },
  C: { kind: 'authorised', meaning: 'Leave of absence, exceptional circumstances' },
  C1: { kind: 'authorised', meaning: 'Leave for a regulated performance or employment abroad' },
  C2: { kind: 'authorised', meaning: 'Leave for a part-time timetable' },
  M: { kind: 'authorised', meaning: 'Medical or dental appointment' },
  J1: { kind: 'authorised', meaning: 'Interview' },
  S: { kind: 'authorised', meaning: 'Study leave' },
  T: { kind: 'authorised', meaning: 'Mobile child, travelling' },
  R: { kind: 'authorised', meaning: 'Religious observance' },
  I: { kind: 'authorised', meaning: 'Illness' },
  E: { kind: 'authorised', meaning: 'Suspended or excluded' },
  G: { kind: 'unauthorised', meaning: 'Holiday not granted by the school' },
  N: { kind: 'unauthorised', meaning: 'Reason not yet given' },
  O: { kind: 'unauthorised', meaning: 'Absent, other or unknown reason' },
  U: { kind: 'unauthorised', meaning: 'Arrived after the register closed' },
  Q: { kind: 'notCounted', meaning: 'Unable to attend: no access arrangements' },
  Y1: { kind: 'notCounted', meaning: 'Unable to attend: transport not available' },
  Y2: { kind: 'notCounted', meaning: 'Unable to attend: widespread travel disruption' },
  Y3: { kind: 'notCounted', meaning: 'Unable to attend: part of the school closed' },
  Y4: { kind: 'notCounted', meaning: 'Unable to attend: whole school closed' },
  Y5: { kind: 'notCounted', meaning: 'Unable to attend: criminal justice detention' },
  Y6: { kind: 'notCounted', meaning: 'Unable to attend: public health guidance or law' },
  Y7: { kind: 'notCounted', meaning: 'Unable to attend: other unavoidable cause' },
  X: { kind: 'notCounted', meaning: 'Not required to attend (non-compulsory school age)' },
  Z: { kind: 'notCounted', meaning: 'Not yet on roll' },
  '#': { kind: 'notCounted', meaning: 'Planned whole-school closure' },
};

/** A code's kind; an unknown code (a newer scheme than this app) is shown as not counted. */
export function kindOf(code: string): AttendanceCodeKind {
  return ATTENDANCE_CODE_MEANINGS[code]?.kind ?? 'notCounted';
}

export function meaningOf(code: string): string {
  return ATTENDANCE_CODE_MEANINGS[code]?.meaning ?? 'Code not known to Lantern';
}
