/**
 * One pupil's copy of an incident as the chronology and the incident page show it: who recorded it and
 * when, its number, status and assignee, the categories as lozenges, what happened, the other pupils
 * with their roles, the body map, agencies, the referral decision, and its actions (shown on request).
 */
import type { ReactNode } from 'react';
import type { Agency } from '../api/agencies';
import type { DeletionMarker, IncidentAction, IncidentCopy } from '../api/incidents';
import { formatUkDateTime } from '../formatting/uk-date-time';
import { PupilName } from '../pupils/pupil-name';
import { TrainingMarker } from '../training/training-banner';
import { BodyOutline } from './body-outline';
import type { CategoryIndex } from './category-index';
import { CategoryLozenges } from './category-lozenges';
import { roleLabel } from './linked-pupils-field';

interface IncidentCardProps {
  incident: IncidentCopy;
  categories: CategoryIndex;
  agencies: readonly Agency[];
  showParents: boolean;
  showActions: boolean;
  onToggleActions: () => void;
  /** Picked out (just added, or opened from an alert). */
  highlighted?: boolean;
  headingLevel?: 'h2' | 'h3';
  /** Beneath the incident: the add-action form, mark as read. */
  children?: ReactNode;
  /** Beneath each action: an editor's Delete, Restore and Split (REC-6). */
  actionControls?: (action: IncidentAction) => ReactNode;
}

/** REC-6: only editors are sent deleted records; they see who deleted it, when and why. */
function DeletedMarker({ deleted, what }: { deleted: DeletionMarker; what: string }) {
  return (
    <p className="notice incident-card__deleted" role="note">
      <strong>Deleted {what}</strong> by {deleted.by.name} on {formatUkDateTime(deleted.at)}. Reason:{' '}
      {deleted.reason}
    </p>
  );
}

function agencyNames(ids: readonly string[], agencies: readonly Agency[]): string {
  return ids
    .map((id) => agencies.find((agency) => agency.agencyId === id)?.name ?? 'An agency no longer listed')
    .join(', ');
}

export function IncidentCard({
  incident,
  categories,
  agencies,
  showParents,
  showActions,
  onToggleActions,
  highlighted,
  headingLevel = 'h2',
  children,
  actionControls,
}: IncidentCardProps) {
  const Heading = headingLevel;
  const actionsId = `incident-${incident.incidentId}-actions`;
  return (
    <article
      className={[
        'incident-card',
        highlighted ? 'incident-card--highlighted' : '',
        incident.deleted ? 'incident-card--deleted' : '',
      ]
        .filter(Boolean)
        .join(' ')}
      id={`incident-${incident.incidentId}`}
      tabIndex={-1}
      aria-labelledby={`incident-${incident.incidentId}-heading`}
    >
      <header className="incident-card__header">
        <Heading className="incident-card__title" id={`incident-${incident.incidentId}-heading`}>
          {formatUkDateTime(incident.occurredAt)}
          <span className="incident-card__number"> · Incident {incident.number}</span>
          <TrainingMarker training={incident.training} />
        </Heading>
        <p className="incident-card__meta">
          Recorded by {incident.recordedBy.name} · Status:{' '}
          {incident.status === 'active' ? 'Active' : 'Closed'} · Assigned to:{' '}
          {incident.assignedTo?.name ?? 'Nobody'}
          {incident.role !== 'subject' && <> · Role: {roleLabel(incident.role)}</>}
        </p>
        {highlighted && <p className="tag tag--current incident-card__new">Just added</p>}
      </header>
      {incident.deleted && <DeletedMarker deleted={incident.deleted} what="incident" />}
      <CategoryLozenges
        categoryIds={incident.categoryIds}
        categories={categories}
        showParents={showParents}
      />
      <p className="incident-card__text">{incident.text}</p>
      {incident.otherPupils.length > 0 && (
        <p className="incident-card__others">
          Also involved:{' '}
          {incident.otherPupils.map((other, index) => (
            <span key={other.pupilId}>
              {index > 0 && ', '}
              <PupilName name={other.displayName} /> ({roleLabel(other.role).toLowerCase()})
            </span>
          ))}
        </p>
      )}
      {incident.bodyMap.length > 0 && (
        <details className="incident-card__body-map">
          <summary>Body map ({incident.bodyMap.length} markers)</summary>
          <div className="body-map__views">
            <BodyOutline view="front" markers={incident.bodyMap} caption="Front" />
            <BodyOutline view="back" markers={incident.bodyMap} caption="Back" />
          </div>
          <ol className="body-map__notes">
            {incident.bodyMap.map((marker, index) => (
              <li key={`${index}-${marker.x}-${marker.y}`}>
                {marker.view === 'front' ? 'Front' : 'Back'}
                {marker.note ? `: ${marker.note}` : ''}
              </li>
            ))}
          </ol>
        </details>
      )}
      {incident.agencyIds.length > 0 && (
        <p className="incident-card__agencies">
          Agencies involved: {agencyNames(incident.agencyIds, agencies)}
        </p>
      )}
      {incident.referral && (
        <p className="incident-card__referral">
          {incident.referral.decision === 'referred'
            ? `Referred to ${agencyNames(incident.referral.agencyIds, agencies)}`
            : 'Decided not to refer'}
          {incident.referral.rationale ? `: ${incident.referral.rationale}` : ''} (
          {incident.referral.decidedBy.name}, {formatUkDateTime(incident.referral.decidedAt)})
        </p>
      )}
      {incident.actions.length > 0 && (
        <div className="incident-card__actions">
          <button
            type="button"
            className="button button--secondary button--small"
            aria-expanded={showActions}
            aria-controls={actionsId}
            onClick={onToggleActions}
          >
            {showActions ? 'Hide actions' : `Show actions (${incident.actions.length})`}
          </button>
          {showActions && (
            <ol className="incident-actions" id={actionsId}>
              {incident.actions.map((action) => (
                <li key={action.actionId} className="incident-action">
                  {action.deleted && <DeletedMarker deleted={action.deleted} what="action" />}
                  <p className="incident-card__meta">
                    {action.recordedBy.name} · {formatUkDateTime(action.occurredAt)}{' '}
                    <TrainingMarker training={action.training} />
                  </p>
                  <CategoryLozenges
                    categoryIds={action.categoryIds}
                    categories={categories}
                    showParents={showParents}
                  />
                  <p className="incident-card__text">{action.text}</p>
                  {action.agencyIds.length > 0 && (
                    <p className="incident-card__agencies">
                      Agencies: {agencyNames(action.agencyIds, agencies)}
                    </p>
                  )}
                  {actionControls?.(action)}
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
      {children}
    </article>
  );
}
