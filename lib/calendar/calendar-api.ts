/**
 * Admin > Calendar endpoints (BYD-1): the school's terms, closures and bank-holiday nation, which the
 * KCSIE transfer clock counts school days from. Admins with `admin.settings` read and replace it.
 */
import { z } from 'zod';
import { defineEndpoint } from '../platform/http/endpoint';
import { SchoolCalendarSchema, SchoolCalendarUpdateSchema } from './school-calendar';

const tags = ['Admin'];
const settings = { kind: 'staff', permission: 'admin.settings' } as const;

const BankHolidaySchema = z.object({ date: z.iso.date(), name: z.string() }).meta({ id: 'BankHoliday' });

export const SchoolCalendarViewSchema = z
  .object({
    calendar: SchoolCalendarSchema,
    /** The next ten bank holidays of each nation, from today. */
    upcomingBankHolidays: z.object({
      'england-and-wales': z.array(BankHolidaySchema),
      scotland: z.array(BankHolidaySchema),
      'northern-ireland': z.array(BankHolidaySchema),
    }),
  })
  .meta({ id: 'SchoolCalendarView' });

export const getSchoolCalendar = defineEndpoint({
  operationId: 'getSchoolCalendar',
  method: 'GET',
  path: '/api/admin/calendar',
  summary: "The school's calendar (terms, closures, bank holidays) that school days are counted from",
  tags,
  access: settings,
  successStatus: 200,
  response: SchoolCalendarViewSchema,
});

export const updateSchoolCalendar = defineEndpoint({
  operationId: 'updateSchoolCalendar',
  method: 'PUT',
  path: '/api/admin/calendar',
  summary: "Replace the school's calendar (send the version you read; 0 if never saved)",
  tags,
  access: settings,
  body: SchoolCalendarUpdateSchema,
  successStatus: 200,
  response: SchoolCalendarViewSchema,
  otherProblemStatuses: [409],
});

export const CALENDAR_ENDPOINTS = [getSchoolCalendar, updateSchoolCalendar] as const;
