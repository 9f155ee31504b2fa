/**
 * The Transfers list's filters: direction, status, "Needs my action" and a search box. They live in the
 * address (/admin/transfers?direction=incoming…), so Back and Forward follow them, and the list sends
 * them as the query of its one GET.
 */
import { useState, type FormEvent } from 'react';
import { adminPaths } from '../admin/admin-routes';
import { oneOf } from '../api/json-readers';
import { Checkbox } from '../components/checkbox';
import { SelectField } from '../components/select-field';
import { TextField } from '../components/text-field';
import { navigate } from '../routing/router';
import {
  TRANSFER_DIRECTIONS,
  TRANSFER_STATUSES,
  transferListSearch,
  type TransferListQuery,
} from './transfers-api';
import { DIRECTION_WORDS } from './transfer-words';

const DIRECTION_OPTIONS = TRANSFER_DIRECTIONS.map((direction) => ({
  value: direction,
  label: DIRECTION_WORDS[direction],
}));
const STATUS_OPTIONS = TRANSFER_STATUSES.map((status) => ({ value: status, label: status }));

export function TransferFilters({ query }: { query: TransferListQuery }) {
  const [direction, setDirection] = useState<string>(query.direction ?? '');
  const [status, setStatus] = useState<string>(query.status ?? '');
  const [actionable, setActionable] = useState(query.actionable ?? false);
  const [q, setQ] = useState(query.q ?? '');

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const chosenDirection = oneOf(direction, TRANSFER_DIRECTIONS);
    const chosenStatus = oneOf(status, TRANSFER_STATUSES);
    const next: TransferListQuery = {
      ...(chosenDirection ? { direction: chosenDirection } : {}),
      ...(chosenStatus ? { status: chosenStatus } : {}),
      ...(actionable ? { actionable: true } : {}),
      ...(q.trim() ? { q: q.trim() } : {}),
    };
    const search = transferListSearch(next);
    navigate(search ? `${adminPaths.transfers}?${search}` : adminPaths.transfers);
  }

  return (
    <form
      className="form transfer-filters"
      role="search"
      aria-label="Transfers"
      noValidate
      onSubmit={handleSubmit}
    >
      <TextField
        id="transfer-search-q"
        label="Search"
        hint="Part of the pupil's name or the other school's name, or the whole UPN or ULN"
        value={q}
        onChange={setQ}
      />
      <div className="transfer-filters__choices">
        <SelectField
          id="transfer-search-direction"
          label="Direction"
          placeholder="All"
          options={DIRECTION_OPTIONS}
          value={direction}
          onChange={setDirection}
        />
        <SelectField
          id="transfer-search-status"
          label="Status"
          placeholder="Any status"
          options={STATUS_OPTIONS}
          value={status}
          onChange={setStatus}
        />
      </div>
      <Checkbox
        id="transfer-search-actionable"
        label="Needs my action"
        hint="Only transfers waiting for this school to request, authorise or confirm receipt"
        checked={actionable}
        onChange={setActionable}
      />
      <button className="button" type="submit">
        Show transfers
      </button>
    </form>
  );
}
