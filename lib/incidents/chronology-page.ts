/**
 * Turns chronology items (newest first, each incident's actions just before it) into whole incidents
 * with their actions, keeping only the incidents a viewer may see, and says where a page ends: always
 * between two incidents, so no page holds half an incident's actions.
 */
import type { ChronologyAction, ChronologyIncident, IncidentWithActions } from './chronology-entry';
import type { ChronologyItem } from './incident-repository';

export interface PageAssembly {
  readonly incidents: IncidentWithActions[];
  /** The last whole incident taken (seen or not): the next page starts after it. */
  readonly lastTaken?: ChronologyIncident;
  /** Items of the slice were left over (a page was cut there), so there is more to read. */
  readonly cut: boolean;
  /** Actions read whose incident was not in the slice yet (it follows in the next read). */
  readonly pendingActions: ChronologyAction[];
}

export function assemblePage(
  items: readonly ChronologyItem[],
  pendingActions: readonly ChronologyAction[],
  limit: number,
  visible: (copy: ChronologyIncident) => boolean,
  already: readonly IncidentWithActions[] = [],
  /** Editors see deleted incidents and actions as markers (REC-6); everyone else never sees them. */
  showDeleted = false,
): PageAssembly {
  const incidents = [...already];
  let pending = [...pendingActions];
  let lastTaken: ChronologyIncident | undefined;
  for (const [index, item] of items.entries()) {
    if (item.kind === 'pin') continue;
    if (item.kind === 'action') {
      pending.push(item.entry);
      continue;
    }
    const copy = item.entry;
    lastTaken = copy;
    const actions = pending
      .filter(
        (action) => action.incidentId === copy.incidentId && (showDeleted || action.deleted === undefined),
      )
      // Read newest first; shown oldest first under the incident.
      .reverse();
    pending = [];
    if ((showDeleted || copy.deleted === undefined) && visible(copy)) incidents.push({ ...copy, actions });
    if (incidents.length >= limit) {
      return { incidents, lastTaken, cut: index < items.length - 1, pendingActions: [] };
    }
  }
  return { incidents, ...(lastTaken ? { lastTaken } : {}), cut: false, pendingActions: pending };
}
