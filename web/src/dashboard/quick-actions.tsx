/** The quick pupil search (any part of a name, as on the pupils page) and the Add incident button. */
import { useState, type FormEvent } from 'react';
import { Link } from '../routing/link';
import { navigate } from '../routing/router';

export function QuickActions() {
  const [query, setQuery] = useState('');

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = query.trim();
    navigate(trimmed ? `/pupils?${new URLSearchParams({ q: trimmed }).toString()}` : '/pupils');
  }

  return (
    <div className="dashboard-actions">
      <form className="dashboard-search" role="search" onSubmit={search}>
        <label className="field__label" htmlFor="dashboard-pupil-search">
          Quick pupil search
        </label>
        <div className="dashboard-search__row">
          <input
            id="dashboard-pupil-search"
            className="field__input"
            type="search"
            name="q"
            autoComplete="off"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
          <button className="button button--secondary" type="submit">
            Search
          </button>
        </div>
      </form>
      <Link href="/incidents/new" className="button dashboard-actions__add">
        Add incident
      </Link>
    </div>
  );
}
