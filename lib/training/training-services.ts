/** Wires the training mode service from the API context. */
import type { ApiContext } from '../platform/api-context';
import { SchoolRepository } from '../schools/school-repository';
import { TrainingRecords } from './training-records';
import { TrainingService } from './training-service';

export function trainingService(context: ApiContext, now: () => Date = () => new Date()): TrainingService {
  const { clients, environment, access } = context;
  return new TrainingService({
    records: new TrainingRecords(clients.dynamo, environment.TABLE_NAME),
    settings: access.settings,
    schools: new SchoolRepository(clients.dynamo, environment.TABLE_NAME),
    audit: access.audit,
    now,
  });
}
