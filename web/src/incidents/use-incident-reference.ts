/**
 * What showing and recording incidents needs besides the incident itself, loaded together: the
 * category tree (names, colours, what this person may record in), the agencies and the staff
 * directory (people and alert groups to alert, key holders to assign to).
 */
import { useCallback } from 'react';
import { listAgencies, type Agency } from '../api/agencies';
import type { ApiResult } from '../api/api-result';
import { listCategoryTree, type CategoryView } from '../api/categories';
import { getStaffDirectory, type StaffDirectory } from '../api/staff';
import { useLoaded, type LoadState } from '../admin/use-loaded';
import { indexCategories, type CategoryIndex } from './category-index';

export interface IncidentReference {
  tree: CategoryView[];
  categories: CategoryIndex;
  agencies: Agency[];
  staff: StaffDirectory;
}

async function loadReference(signal: AbortSignal): Promise<ApiResult<IncidentReference>> {
  const [tree, agencies, staff] = await Promise.all([
    listCategoryTree(signal),
    listAgencies(signal),
    getStaffDirectory(signal),
  ]);
  if (!tree.ok) return tree;
  if (!agencies.ok) return agencies;
  if (!staff.ok) return staff;
  return {
    ok: true,
    value: {
      tree: tree.value,
      categories: indexCategories(tree.value),
      agencies: agencies.value,
      staff: staff.value,
    },
  };
}

export function useIncidentReference(): LoadState<IncidentReference> {
  const load = useCallback((signal: AbortSignal) => loadReference(signal), []);
  return useLoaded(load).state;
}
