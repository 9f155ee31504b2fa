/** Wires the category and agency services from the API context. */
import type { ApiContext } from '../platform/api-context';
import { AgencyRepository } from './agency-repository';
import { AgencyService } from './agency-service';
import { CategoryRepository } from './category-repository';
import { CategoryService } from './category-service';
import { CategoryUsage } from './category-usage';

export interface CategoryServices {
  readonly categories: CategoryService;
  readonly agencies: AgencyService;
}

export function categoryServices(context: ApiContext): CategoryServices {
  const { clients, environment, access } = context;
  const table = environment.TABLE_NAME;
  return {
    categories: new CategoryService({
      categories: new CategoryRepository(clients.dynamo, table),
      usage: new CategoryUsage(clients.dynamo, table),
      groups: access.groups,
      audit: access.audit,
    }),
    agencies: new AgencyService(new AgencyRepository(clients.dynamo, table), access.audit),
  };
}
