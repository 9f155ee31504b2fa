/**
 * Category and agency endpoints (REC-2). Any member of staff reads the category hierarchy (with what
 * they may do in each) and the agency list, which the add-incident form needs; changing either needs
 * admin.categories, which needs an elevated session.
 */
import { z } from 'zod';
import { defineEndpoint } from '../platform/http/endpoint';
import { AgencySchema, CategorySchema } from './category';
import {
  AdminCategoryListSchema,
  AgencyChangesSchema,
  AgencyIdParams,
  AgencyListSchema,
  CategoryChangesSchema,
  CategoryIdParams,
  CategoryTreeSchema,
  MergeCategorySchema,
  MergeResultSchema,
  NewAgencySchema,
  NewCategorySchema,
} from './category-schemas';

const anyStaff = { kind: 'staff' } as const;
const admin = { kind: 'staff', permission: 'admin.categories' } as const;
const tags = ['Categories'];

export const listCategories = defineEndpoint({
  operationId: 'listCategories',
  method: 'GET',
  path: '/api/categories',
  summary:
    'The category hierarchy with colours and what you may do in each (without a key: only those you may record in)',
  tags,
  access: anyStaff,
  successStatus: 200,
  response: CategoryTreeSchema,
});

export const listAgencies = defineEndpoint({
  operationId: 'listAgencies',
  method: 'GET',
  path: '/api/agencies',
  summary: "The school's agencies by name, disabled ones included (past incidents still name them)",
  tags,
  access: anyStaff,
  successStatus: 200,
  response: AgencyListSchema,
});

export const listAdminCategories = defineEndpoint({
  operationId: 'listAdminCategories',
  method: 'GET',
  path: '/api/admin/categories',
  summary:
    'Every category (not merged away) with its version, and each user group’s default for new categories',
  tags,
  access: admin,
  successStatus: 200,
  response: AdminCategoryListSchema,
});

export const createCategory = defineEndpoint({
  operationId: 'createCategory',
  method: 'POST',
  path: '/api/admin/categories',
  summary: 'Create a category or sub-category, setting every user group’s permission for it at once',
  tags,
  access: admin,
  body: NewCategorySchema,
  successStatus: 201,
  response: CategorySchema,
  otherProblemStatuses: [409],
});

export const updateCategory = defineEndpoint({
  operationId: 'updateCategory',
  method: 'PATCH',
  path: '/api/admin/categories/{categoryId}',
  summary: 'Rename or recolour a category (send the version you read); past incidents show the new name',
  tags,
  access: admin,
  params: CategoryIdParams,
  body: CategoryChangesSchema,
  successStatus: 200,
  response: CategorySchema,
  otherProblemStatuses: [409],
});

export const disableCategory = defineEndpoint({
  operationId: 'disableCategory',
  method: 'POST',
  path: '/api/admin/categories/{categoryId}/disable',
  summary: 'Disable a category (and its sub-categories): no new incidents; past ones and reports keep it',
  tags,
  access: admin,
  params: CategoryIdParams,
  successStatus: 200,
  response: CategorySchema,
  otherProblemStatuses: [409],
});

export const enableCategory = defineEndpoint({
  operationId: 'enableCategory',
  method: 'POST',
  path: '/api/admin/categories/{categoryId}/enable',
  summary: 'Enable a disabled category (a sub-category only under an enabled parent)',
  tags,
  access: admin,
  params: CategoryIdParams,
  successStatus: 200,
  response: CategorySchema,
  otherProblemStatuses: [409],
});

export const deleteCategory = defineEndpoint({
  operationId: 'deleteCategory',
  method: 'DELETE',
  path: '/api/admin/categories/{categoryId}',
  summary:
    'Delete a category never used for incidents or monitoring and without sub-categories (else disable it)',
  tags,
  access: admin,
  params: CategoryIdParams,
  successStatus: 204,
  response: z.undefined(),
  otherProblemStatuses: [409],
});

export const mergeCategory = defineEndpoint({
  operationId: 'mergeCategory',
  method: 'POST',
  path: '/api/admin/categories/{categoryId}/merge',
  summary:
    'Merge a category into another, irreversibly: its incidents and monitored pupils move there. Confirm with its exact name; until `done`, send again to carry on',
  tags,
  access: admin,
  params: CategoryIdParams,
  body: MergeCategorySchema,
  successStatus: 200,
  response: MergeResultSchema,
  otherProblemStatuses: [409],
});

export const createAgency = defineEndpoint({
  operationId: 'createAgency',
  method: 'POST',
  path: '/api/admin/agencies',
  summary: 'Add an agency',
  tags,
  access: admin,
  body: NewAgencySchema,
  successStatus: 201,
  response: AgencySchema,
  otherProblemStatuses: [409],
});

export const updateAgency = defineEndpoint({
  operationId: 'updateAgency',
  method: 'PATCH',
  path: '/api/admin/agencies/{agencyId}',
  summary: 'Rename an agency (send the version you read); past incidents show the new name',
  tags,
  access: admin,
  params: AgencyIdParams,
  body: AgencyChangesSchema,
  successStatus: 200,
  response: AgencySchema,
  otherProblemStatuses: [409],
});

export const disableAgency = defineEndpoint({
  operationId: 'disableAgency',
  method: 'POST',
  path: '/api/admin/agencies/{agencyId}/disable',
  summary: 'Stop offering an agency for new incidents and actions',
  tags,
  access: admin,
  params: AgencyIdParams,
  successStatus: 200,
  response: AgencySchema,
  otherProblemStatuses: [409],
});

export const enableAgency = defineEndpoint({
  operationId: 'enableAgency',
  method: 'POST',
  path: '/api/admin/agencies/{agencyId}/enable',
  summary: 'Offer a disabled agency again',
  tags,
  access: admin,
  params: AgencyIdParams,
  successStatus: 200,
  response: AgencySchema,
  otherProblemStatuses: [409],
});

export const CATEGORY_ENDPOINTS = [
  listCategories,
  listAgencies,
  listAdminCategories,
  createCategory,
  updateCategory,
  disableCategory,
  enableCategory,
  deleteCategory,
  mergeCategory,
  createAgency,
  updateAgency,
  disableAgency,
  enableAgency,
] as const;
