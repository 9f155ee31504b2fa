/** Categories and agencies API area: the hierarchy and agency list for staff, and their administration. */
import { adminProblems } from '../../lib/admin/admin-problems';
import { auditActorOf } from '../../lib/audit/audit-actor';
import {
  createAgency,
  createCategory,
  deleteCategory,
  disableAgency,
  disableCategory,
  enableAgency,
  enableCategory,
  listAdminCategories,
  listAgencies,
  listCategories,
  mergeCategory,
  updateAgency,
  updateCategory,
} from '../../lib/categories/categories-api';
import { categoryServices } from '../../lib/categories/category-services';
import { createApiContext } from '../../lib/platform/api-context';
import { createApiHandler } from '../../lib/platform/http/api-handler';
import { staffPrincipal } from '../../lib/platform/http/access';
import { implement, type EndpointContract, type ValidatedRequest } from '../../lib/platform/http/endpoint';

const context = createApiContext();
const { categories, merge, agencies } = categoryServices(context);

function actor<C extends EndpointContract>(request: ValidatedRequest<C>) {
  return auditActorOf(staffPrincipal(request.principal), request);
}

function schoolOf<C extends EndpointContract>(request: ValidatedRequest<C>): string {
  return staffPrincipal(request.principal).schoolId;
}

export const handler = createApiHandler(
  adminProblems([
    implement(listCategories, async (request) => ({
      body: { items: await categories.tree(staffPrincipal(request.principal).access) },
    })),
    implement(listAgencies, async (request) => ({ body: { items: await agencies.list(schoolOf(request)) } })),
    implement(listAdminCategories, async (request) => ({
      body: await categories.adminList(schoolOf(request)),
    })),
    implement(createCategory, async (request) => ({
      body: await categories.create(actor(request), request.body),
    })),
    implement(updateCategory, async (request) => ({
      body: await categories.update(actor(request), request.params.categoryId, request.body),
    })),
    implement(disableCategory, async (request) => ({
      body: await categories.setDisabled(actor(request), request.params.categoryId, true),
    })),
    implement(enableCategory, async (request) => ({
      body: await categories.setDisabled(actor(request), request.params.categoryId, false),
    })),
    implement(deleteCategory, async (request) => {
      await categories.delete(actor(request), request.params.categoryId);
      return { body: undefined };
    }),
    implement(mergeCategory, async (request) => ({
      body: await merge.merge(actor(request), request.params.categoryId, request.body),
    })),
    implement(createAgency, async (request) => ({
      body: await agencies.create(actor(request), request.body.name),
    })),
    implement(updateAgency, async (request) => ({
      body: await agencies.rename(
        actor(request),
        request.params.agencyId,
        request.body.name,
        request.body.version,
      ),
    })),
    implement(disableAgency, async (request) => ({
      body: await agencies.setDisabled(actor(request), request.params.agencyId, true),
    })),
    implement(enableAgency, async (request) => ({
      body: await agencies.setDisabled(actor(request), request.params.agencyId, false),
    })),
  ]),
  context.handlerOptions,
);
