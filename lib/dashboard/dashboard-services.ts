/** Composition of the dashboard service from the shared API context. */
import { CategoryRepository } from '../categories/category-repository';
import type { ApiContext } from '../platform/api-context';
import { PupilRepository } from '../pupils/pupil-repository';
import { DashboardRepository } from './dashboard-repository';
import { DashboardService } from './dashboard-service';

export function dashboardService(context: ApiContext): DashboardService {
  const { dynamo } = context.clients;
  const tableName = context.environment.TABLE_NAME;
  return new DashboardService({
    entries: new DashboardRepository(dynamo, tableName),
    pupils: new PupilRepository(dynamo, tableName),
    categories: new CategoryRepository(dynamo, tableName),
    audit: context.access.audit,
  });
}
