/**
 * The pupil list (seed 3): quick search by any part of a name, a class register, the pupils monitored
 * now (under any category or one), with archived pupils on request. The filters live in the address
 * (/pupils?q=…), so Back, Forward and the dashboard's quick search all land on the same list. A class
 * register offers "Update categories" to people who may change monitoring.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  getPupilFilters,
  listPupils,
  pupilListSearch,
  type PupilFilters,
  type PupilListItem,
  type PupilListQuery,
} from '../api/pupils';
import type { Problem } from '../api/problem';
import type { SessionView } from '../api/session-view';
import { useMyAccess } from '../admin/my-access-store';
import { useLoaded } from '../admin/use-loaded';
import { ActionNotice, type ActionOutcome } from '../components/action-notice';
import { AdminProblem } from '../components/admin-problem';
import { Checkbox } from '../components/checkbox';
import { SelectField, type SelectOption } from '../components/select-field';
import { TextField } from '../components/text-field';
import { Link } from '../routing/link';
import { navigate, useLocationSearch } from '../routing/router';
import { useDocumentTitle } from '../routing/use-document-title';
import { BulkCategoryUpdate } from './bulk-category-update';
import { pupilPaths } from './pupil-paths';
import { PupilResults } from './pupil-results';
import './pupils.css';

const PAGE_SIZE = 50;
/** The "monitored under" choice that means any category the viewer may see. */
const ANY_CATEGORY = 'any';

function queryFrom(search: string): PupilListQuery {
  const params = new URLSearchParams(search);
  const text = (name: string) => params.get(name)?.trim() || undefined;
  const query: PupilListQuery = {};
  const q = text('q');
  const classId = text('classId');
  const categoryId = text('categoryId');
  if (q) query.q = q;
  if (classId) query.classId = classId;
  if (categoryId) query.categoryId = categoryId;
  if (params.get('monitored') === 'true') query.monitored = true;
  if (params.get('includeArchived') === 'true') query.includeArchived = true;
  return query;
}

function hasFilter(query: PupilListQuery): boolean {
  return Boolean(query.q || query.classId || query.categoryId || query.monitored);
}

interface Results {
  items: PupilListItem[];
  nextCursor?: string;
}

type ResultState =
  | { phase: 'idle' }
  | { phase: 'loading' }
  | { phase: 'loaded'; results: Results; loadingMore: boolean }
  | { phase: 'failed'; problem: Problem };

function classOptions(filters: PupilFilters | undefined): SelectOption[] {
  const classes = filters?.classes ?? [];
  return [...classes]
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name, 'en-GB', { numeric: true }))
    .map((choice) => ({ value: choice.classId, label: choice.name }));
}

function categoryOptions(filters: PupilFilters | undefined): SelectOption[] {
  return [
    { value: ANY_CATEGORY, label: 'Any category' },
    ...(filters?.categories ?? []).map((category) => ({ value: category.categoryId, label: category.name })),
  ];
}

function SearchForm({ query, filters }: { query: PupilListQuery; filters: PupilFilters | undefined }) {
  const [q, setQ] = useState(query.q ?? '');
  const [classId, setClassId] = useState(query.classId ?? '');
  const [monitoring, setMonitoring] = useState(query.categoryId ?? (query.monitored ? ANY_CATEGORY : ''));
  const [includeArchived, setIncludeArchived] = useState(query.includeArchived ?? false);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: PupilListQuery = {
      ...(q.trim() ? { q: q.trim() } : {}),
      ...(classId ? { classId } : {}),
      ...(monitoring === ANY_CATEGORY ? { monitored: true } : monitoring ? { categoryId: monitoring } : {}),
      ...(includeArchived ? { includeArchived: true } : {}),
    };
    const search = pupilListSearch(next);
    navigate(search ? `${pupilPaths.search}?${search}` : pupilPaths.search);
  }

  return (
    <form className="form pupil-search" role="search" aria-label="Pupils" noValidate onSubmit={handleSubmit}>
      <TextField
        id="pupil-search-q"
        label="Quick pupil search"
        hint="Any part of any name, for example ‘obri’ or ‘zoe smi’"
        value={q}
        onChange={setQ}
      />
      <div className="pupil-search__filters">
        <SelectField
          id="pupil-search-class"
          label="Class"
          placeholder="All classes"
          options={classOptions(filters)}
          value={classId}
          onChange={setClassId}
        />
        <SelectField
          id="pupil-search-monitored"
          label="Monitored under"
          placeholder="Monitored or not"
          options={categoryOptions(filters)}
          value={monitoring}
          onChange={setMonitoring}
        />
      </div>
      <Checkbox
        id="pupil-search-archived"
        label="Include archived pupils"
        hint="Pupils who have left the school"
        checked={includeArchived}
        onChange={setIncludeArchived}
      />
      <button className="button" type="submit">
        Search
      </button>
    </form>
  );
}

export function PupilSearchPage({ view }: { view: SessionView }) {
  useDocumentTitle('Pupils');
  const search = useLocationSearch();
  const query = queryFrom(search);
  const access = useMyAccess(view);
  const permissions = access.phase === 'loaded' ? access.access.permissions : [];
  const { state: filterState } = useLoaded(getPupilFilters);
  const filters = filterState.phase === 'loaded' ? filterState.value : undefined;
  const [state, setState] = useState<ResultState>({ phase: 'idle' });
  const [bulk, setBulk] = useState(false);
  const [outcome, setOutcome] = useState<ActionOutcome | undefined>();
  const [generation, setGeneration] = useState(0);

  const load = useCallback(
    async (cursor: string | undefined, signal?: AbortSignal): Promise<Results | Problem> => {
      const result = await listPupils(
        { ...queryFrom(search), limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) },
        signal,
      );
      return result.ok ? result.value : result.problem;
    },
    [search],
  );

  useEffect(() => {
    if (!hasFilter(queryFrom(search))) {
      setState({ phase: 'idle' });
      return;
    }
    const controller = new AbortController();
    setState({ phase: 'loading' });
    load(undefined, controller.signal).then(
      (answer) => {
        if (controller.signal.aborted) return;
        setState(
          'items' in answer
            ? { phase: 'loaded', results: answer, loadingMore: false }
            : { phase: 'failed', problem: answer },
        );
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [search, load, generation]);

  useEffect(() => {
    setBulk(false);
    setOutcome(undefined);
  }, [search]);

  async function loadMore() {
    if (state.phase !== 'loaded' || !state.results.nextCursor || state.loadingMore) return;
    setState({ ...state, loadingMore: true });
    const answer = await load(state.results.nextCursor);
    if ('items' in answer) {
      setState({
        phase: 'loaded',
        results: {
          items: [...state.results.items, ...answer.items],
          ...(answer.nextCursor ? { nextCursor: answer.nextCursor } : {}),
        },
        loadingMore: false,
      });
    } else {
      setState({ phase: 'failed', problem: answer });
    }
  }

  const className = filters?.classes.find((choice) => choice.classId === query.classId)?.name;
  const mayBulk = query.classId !== undefined && permissions.includes('incidents.edit');
  const loaded = state.phase === 'loaded' ? state.results : undefined;

  return (
    <div className="panel">
      <div className="pupil-search__heading">
        <h1 className="page-title" tabIndex={-1}>
          {className ? `Pupils in ${className}` : 'Pupils'}
        </h1>
        {permissions.includes('students.manage') && (
          <Link className="button button--secondary" href={pupilPaths.add}>
            Add a pupil
          </Link>
        )}
      </div>
      <SearchForm key={search} query={query} filters={filters} />
      <ActionNotice outcome={outcome} />
      {state.phase === 'idle' && (
        <p className="hint">
          Search by name, choose a class to see its register, or choose a category to see who is monitored.
        </p>
      )}
      {state.phase === 'loading' && <p className="loading">Searching…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {loaded && (
        <section className="pupil-search__results" aria-labelledby="pupil-results-heading">
          <div className="pupil-search__heading">
            <h2 className="section-title" id="pupil-results-heading" role="status">
              {loaded.items.length === 0
                ? 'No pupils found'
                : `${loaded.items.length}${loaded.nextCursor ? '+' : ''} ${loaded.items.length === 1 ? 'pupil' : 'pupils'}`}
            </h2>
            {mayBulk && !bulk && loaded.items.length > 0 && filters && (
              <button className="button button--secondary" type="button" onClick={() => setBulk(true)}>
                Update categories
              </button>
            )}
          </div>
          {bulk && filters ? (
            <BulkCategoryUpdate
              pupils={loaded.items}
              categories={filters.categories}
              onCancel={() => setBulk(false)}
              onDone={(text) => {
                setBulk(false);
                setOutcome({ kind: 'done', text });
                setGeneration((count) => count + 1);
              }}
            />
          ) : (
            <PupilResults items={loaded.items} />
          )}
          {loaded.nextCursor && !bulk && (
            <button className="button button--secondary" type="button" onClick={() => void loadMore()}>
              {state.phase === 'loaded' && state.loadingMore ? 'Loading…' : 'Show more pupils'}
            </button>
          )}
        </section>
      )}
    </div>
  );
}
