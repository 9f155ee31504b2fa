/** Stores a school's calendar; owns the SchoolCalendar key (SCHOOL#<s> / CALENDAR, lib/data/keys.ts). */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { calendarKeys } from '../data/keys';
import { getItem, putVersioned, type CollectionShape } from '../data/school-collection';
import { defaultSchoolCalendar, SchoolCalendarSchema, type SchoolCalendar } from './school-calendar';

function shapeFor(schoolId: string): CollectionShape<SchoolCalendar> {
  return {
    itemType: 'SchoolCalendar',
    schema: SchoolCalendarSchema,
    key: () => calendarKeys.calendar(schoolId),
  };
}

export class CalendarRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The school's calendar, or the default (no terms, England and Wales, version 0) if never saved. */
  async get(schoolId: string): Promise<SchoolCalendar> {
    const stored = await getItem(
      this.dynamo,
      this.tableName,
      calendarKeys.calendar(schoolId),
      SchoolCalendarSchema,
    );
    return stored ?? defaultSchoolCalendar();
  }

  /**
   * Saves a calendar whose version is one more than the stored copy's (version 1: none stored yet).
   * StaleItemError (lib/data/school-collection.ts) otherwise, having changed nothing.
   */
  save(schoolId: string, calendar: SchoolCalendar): Promise<void> {
    return putVersioned(this.dynamo, this.tableName, shapeFor(schoolId), calendar);
  }
}
