/** Wires the pupil and monitoring services from the API context. */
import { AttendanceRepository } from '../attendance/attendance-repository';
import { AttendanceService } from '../attendance/attendance-service';
import { CategoryRepository } from '../categories/category-repository';
import { MonitoredPupils } from '../monitoring/monitored-pupils';
import { MonitoringService } from '../monitoring/monitoring-service';
import type { ApiContext } from '../platform/api-context';
import { SchoolRepository } from '../schools/school-repository';
import { ContactRepository } from './contact-repository';
import { LinkRepository } from './link-repository';
import { PupilAdminService } from './pupil-admin-service';
import { PupilDirectory } from './pupil-directory';
import { PupilRecordReader } from './pupil-record-reader';
import { PupilRecordService } from './pupil-record-service';
import { PupilRelationsService } from './pupil-relations-service';
import { PupilRepository } from './pupil-repository';
import { PupilSearchService } from './pupil-search-service';
import { RecentlyViewed } from './recently-viewed';

export interface PupilServices {
  readonly search: PupilSearchService;
  readonly records: PupilRecordService;
  readonly admin: PupilAdminService;
  readonly relations: PupilRelationsService;
  readonly monitoring: MonitoringService;
  readonly attendance: AttendanceService;
}

export function pupilServices(context: ApiContext): PupilServices {
  const { clients, environment, access } = context;
  const dynamo = clients.dynamo;
  const tableName = environment.TABLE_NAME;
  const pupils = new PupilRepository(dynamo, tableName);
  const reader = new PupilRecordReader(dynamo, tableName);
  const categories = new CategoryRepository(dynamo, tableName);
  const monitored = new MonitoredPupils(dynamo, tableName);
  const audit = access.audit;
  return {
    search: new PupilSearchService({
      directory: new PupilDirectory(dynamo, tableName),
      classes: access.classes,
      monitored,
      categories,
      audit,
    }),
    records: new PupilRecordService({
      reader,
      categories,
      audit,
      recentlyViewed: new RecentlyViewed(dynamo, tableName),
    }),
    admin: new PupilAdminService({ tableName, pupils, reader, classes: access.classes, audit }),
    relations: new PupilRelationsService({
      pupils,
      reader,
      contacts: new ContactRepository(dynamo, tableName),
      links: new LinkRepository(dynamo, tableName),
      audit,
    }),
    monitoring: new MonitoringService({
      dynamo,
      tableName,
      pupils,
      reader,
      monitored,
      categories,
      schools: new SchoolRepository(dynamo, tableName),
      audit,
    }),
    attendance: new AttendanceService({
      attendance: new AttendanceRepository(dynamo, tableName),
      pupils,
      audit,
    }),
  };
}
