/**
 * Admin > Categories: the hierarchy with each category's colour lozenge, and per category a link to
 * change or merge it, disable or enable it, and delete it (only when never used: otherwise the answer
 * says to disable it instead).
 */
import {
  deleteCategory,
  disableCategory,
  enableCategory,
  listAdminCategories,
  type AdminCategory,
} from '../../api/categories';
import { noticeFor } from '../../admin/admin-notice';
import { adminPaths } from '../../admin/admin-routes';
import { useLoaded } from '../../admin/use-loaded';
import { adminCategoryTree } from '../../categories/category-hierarchy';
import { useRowAction, type RowAction } from '../../categories/use-row-action';
import '../../categories/categories.css';
import { ActionNotice } from '../../components/action-notice';
import { AdminPage } from '../../components/admin-page';
import { AdminProblem } from '../../components/admin-problem';
import { CategoryTag } from '../../pupils/category-tag';
import { Link } from '../../routing/link';

interface CategoryRowProps {
  category: AdminCategory;
  /** Set for a sub-category. */
  parentName?: string;
  /** A top-level category's sub-categories, which disabling it disables too. */
  subCategoryCount?: number;
  action: RowAction;
}

function CategoryRow({ category, parentName, subCategoryCount = 0, action }: CategoryRowProps) {
  const { name, categoryId, disabled } = category;
  const sub = parentName !== undefined;
  return (
    <tr className={sub ? 'category-table__sub-row' : undefined}>
      <th scope="row" className="admin-table__name">
        <CategoryTag name={name} colour={category.colour} />
        {sub && <span className="visually-hidden"> (sub-category of {parentName})</span>}
      </th>
      <td className="category-table__state">
        {category.mergingInto ? (
          <span className="tag tag--muted">Being merged</span>
        ) : disabled ? (
          <span className="tag tag--muted">Disabled</span>
        ) : (
          'In use'
        )}
      </td>
      <td className="admin-table__actions">
        <Link href={adminPaths.category(categoryId)}>
          {category.mergingInto ? 'Finish merging' : 'Change'}
          <span className="visually-hidden"> {name}</span>
        </Link>
        {!category.mergingInto && (
          <>
            {' '}
            <button
              className="button button--small button--secondary"
              type="button"
              aria-disabled={action.busy ? true : undefined}
              onClick={() =>
                void (disabled
                  ? action.run(() => enableCategory(categoryId), `${name} has been enabled.`)
                  : action.run(
                      () => disableCategory(categoryId),
                      subCategoryCount > 0
                        ? `${name} and its sub-categories have been disabled.`
                        : `${name} has been disabled.`,
                    ))
              }
            >
              {disabled ? 'Enable' : 'Disable'}
              <span className="visually-hidden"> {name}</span>
            </button>{' '}
            <button
              className="button button--small button--warning"
              type="button"
              aria-disabled={action.busy ? true : undefined}
              onClick={() => void action.run(() => deleteCategory(categoryId), `${name} has been deleted.`)}
            >
              Delete<span className="visually-hidden"> {name}</span>
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

export function CategoriesPage() {
  const { state, reload } = useLoaded(listAdminCategories);
  const action = useRowAction(reload);

  return (
    <AdminPage
      title="Categories"
      lede="What staff record concerns under. Delete a category only if it has never been used; once used, disable it: it then takes no new incidents but stays on past ones and in reports."
      notice={noticeFor(adminPaths.categories)}
    >
      <p>
        <Link href={adminPaths.newCategory} className="button">
          Create a category
        </Link>
      </p>
      <ActionNotice outcome={action.outcome} />
      {state.phase === 'loading' && <p className="loading">Loading categories…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {state.phase === 'loaded' && state.value.categories.length === 0 && <p>There are no categories yet.</p>}
      {state.phase === 'loaded' && state.value.categories.length > 0 && (
        <table className="table admin-table category-table">
          <caption className="visually-hidden">Categories, each followed by its sub-categories</caption>
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {adminCategoryTree(state.value.categories).flatMap((parent) => [
              <CategoryRow
                key={parent.categoryId}
                category={parent}
                subCategoryCount={parent.subCategories.length}
                action={action}
              />,
              ...parent.subCategories.map((sub) => (
                <CategoryRow key={sub.categoryId} category={sub} parentName={parent.name} action={action} />
              )),
            ])}
          </tbody>
        </table>
      )}
    </AdminPage>
  );
}
