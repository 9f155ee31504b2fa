/** Builds the MIS import from the shared clients: one place, used by the API area and the import task. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { ClassGroupRepository } from '../access/access-repositories';
import { attendanceItemComparable, attendanceItemsOf } from '../attendance/attendance-items';
import { PupilRecordReader } from '../pupils/pupil-record-reader';
import { PupilRepository } from '../pupils/pupil-repository';
import { SchoolRepository } from '../schools/school-repository';
import { ExtractStore } from './extract-store';
import { MisImportRepository } from './import-repository';
import { MisImportService } from './import-service';
import { parseExtract } from './parse-extract';
import { PupilImport } from './pupil-import';
import { MisStaffRepository } from './staff-import';
import { VanishedStaffDeactivation } from './vanished-staff';

export interface MisServiceOptions {
  readonly dynamo: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly tableName: string;
  readonly extractsBucket: string;
  readonly keyId: string;
  readonly now?: () => Date;
  /** Test hook: see PupilImportDependencies.beforeWrite. */
  readonly beforeWrite?: (step: string) => void;
}

export interface MisServices {
  readonly imports: MisImportRepository;
  readonly store: ExtractStore;
  readonly service: MisImportService;
  readonly schools: SchoolRepository;
}

export function createMisServices(options: MisServiceOptions): MisServices {
  const { dynamo, tableName } = options;
  const imports = new MisImportRepository(dynamo, tableName);
  const store = new ExtractStore(options.s3, options.extractsBucket, options.keyId);
  const schools = new SchoolRepository(dynamo, tableName);
  const vanished = VanishedStaffDeactivation.over(dynamo, tableName, options.now);
  const service = new MisImportService({
    imports,
    store,
    classes: new ClassGroupRepository(dynamo, tableName),
    pupils: new PupilImport({
      dynamo,
      tableName,
      reader: new PupilRecordReader(dynamo, tableName),
      pupils: new PupilRepository(dynamo, tableName),
      attendance: { itemsOf: attendanceItemsOf, comparable: attendanceItemComparable },
      ...(options.beforeWrite ? { beforeWrite: options.beforeWrite } : {}),
    }),
    staff: new MisStaffRepository(dynamo, tableName),
    parse: parseExtract,
    deactivateVanishedUsers: (schoolId, misStaffIds) => vanished.deactivate(schoolId, misStaffIds),
    schoolTimeZone: async (schoolId) => (await schools.get(schoolId))?.timeZone ?? 'Europe/London',
    ...(options.now ? { now: options.now } : {}),
  });
  return { imports, store, service, schools };
}
