/** An incident's categories as lozenges in their colours (sub-categories, or with their parents too). */
import { CategoryTag } from '../pupils/category-tag';
import { lozengesFor, type CategoryIndex } from './category-index';

interface CategoryLozengesProps {
  categoryIds: readonly string[];
  categories: CategoryIndex;
  showParents: boolean;
}

export function CategoryLozenges({ categoryIds, categories, showParents }: CategoryLozengesProps) {
  const shown = lozengesFor(categoryIds, categories, showParents);
  if (shown.length === 0) return null;
  return (
    <ul className="tag-list incident-card__categories" aria-label="Categories">
      {shown.map((category) => (
        <li key={category.categoryId}>
          <CategoryTag name={category.name} colour={category.colour} />
        </li>
      ))}
    </ul>
  );
}
