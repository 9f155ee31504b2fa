/** Wires the category and agency services from the API context. */
import { incidentCategoryRewriter } from '../incidents/incident-category-rewrite';
import { MonitoredPupils } from '../monitoring/monitored-pupils';
import type { ApiContext } from '../platform/api-context';
import { PupilRepository } from '../pupils/pupil-repository';
import { SchoolRepository } from '../schools/school-repository';
import { AgencyRepository } from './agency-repository';
import { AgencyService } from './agency-service';
import { CategoryMerge } from './category-merge';
import { CategoryRepository } from './category-repository';
import { CategoryService } from './category-service';
import { CategoryUsage } from './category-usage';

export interface CategoryServices {
  readonly categories: CategoryService;
  readonly merge: CategoryMerge;
  readonly agencies: AgencyService;
}

export function categoryServices(context: ApiContext): CategoryServices {
  const { clients, environment, access } = context;
  const { dynamo } = clients;
  const table = environment.TABLE_NAME;
  const categories = new CategoryRepository(dynamo, table);
  const usage = new CategoryUsage(dynamo, table);
  return {
    categories: new CategoryService({ categories, usage, groups: access.groups, audit: access.audit }),
    merge: new CategoryMerge({
      dynamo,
      tableName: table,
      categories,
      usage,
      incidents: (by) => incidentCategoryRewriter(dynamo, table, by),
      monitored: new MonitoredPupils(dynamo, table),
      pupils: new PupilRepository(dynamo, table),
      schools: new SchoolRepository(dynamo, table),
      audit: access.audit,
    }),
    agencies: new AgencyService(new AgencyRepository(dynamo, table), access.audit),
  };
}
