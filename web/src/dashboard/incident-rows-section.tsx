/** "My assigned" and "My history": incidents (and actions) listed with their pupil and categories. */
import type { ReactNode } from 'react';
import type { DashboardCategory } from '../api/dashboard';
import { PupilName } from '../pupils/pupil-name';
import { Link } from '../routing/link';
import { categoryNames } from './category-names';
import { When } from './when';

export interface IncidentRowView {
  key: string;
  /** What the row says before the pupil's name, e.g. "Incident 12 for". */
  lead: string;
  pupilDisplayName: string;
  categories: readonly DashboardCategory[];
  at: string;
  link: string;
}

export function IncidentRowsSection({
  id,
  title,
  empty,
  rows,
}: {
  id: string;
  title: string;
  empty: ReactNode;
  rows: readonly IncidentRowView[];
}) {
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 className="section-title" id={`${id}-heading`}>
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="hint">{empty}</p>
      ) : (
        <ul className="dashboard-list" aria-label={title}>
          {rows.map((row) => {
            const categories = categoryNames(row.categories);
            return (
              <li key={row.key} className="dashboard-row">
                <p className="dashboard-row__text">
                  {row.lead} <PupilName name={row.pupilDisplayName} />
                  {categories && ` (${categories})`}
                </p>
                <p className="dashboard-row__meta">
                  <When at={row.at} />
                  <Link href={row.link} className="dashboard-row__link">
                    Incident
                  </Link>
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
