/** "Recently viewed": the pupils the person opened most recently (and may still find). */
import type { ViewedRow } from '../api/dashboard';
import { PupilName } from '../pupils/pupil-name';
import { Link } from '../routing/link';
import { When } from './when';

export function RecentlyViewedSection({ viewed }: { viewed: readonly ViewedRow[] }) {
  return (
    <section className="panel" aria-labelledby="dashboard-viewed-heading">
      <h2 className="section-title" id="dashboard-viewed-heading">
        Recently viewed
      </h2>
      {viewed.length === 0 ? (
        <p className="hint">Pupils you open will be listed here.</p>
      ) : (
        <ul className="dashboard-list" aria-label="Recently viewed pupils, newest first">
          {viewed.map((row) => (
            <li key={row.pupilId} className="dashboard-row">
              <p className="dashboard-row__text">
                <Link href={row.link}>
                  <PupilName name={row.pupilDisplayName} />
                </Link>
              </p>
              <p className="dashboard-row__meta">
                <When at={row.viewedAt} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
