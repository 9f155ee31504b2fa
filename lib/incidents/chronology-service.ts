/**
 * A pupil's chronology (REC-8): their incidents newest first, each with its actions, keeping only the
 * copies the viewer may see (a copy in any category they may not view is left out with its actions),
 * and the overview's counts by category and by month. Each is audited before it is returned.
 */
import { authorisation } from '../access/authorisation';
import type { AuditLog } from '../audit/audit-log';
import { encodeCursor } from '../data/page-cursor';
import { pupilAccessFacts, summaryOf, type Pupil, type PupilSummary } from '../pupils/pupil';
import type { ChronologyIncident, IncidentWithActions } from './chronology-entry';
import { assemblePage } from './chronology-page';
import { IncidentNotFoundError } from './incident-errors';
import type { PinRecord } from './edit-items';
import type { IncidentRepository, OverviewEntry } from './incident-repository';
import type { PupilReader, Viewer } from './viewer';

export interface ChronologyPage {
  readonly pupil: PupilSummary;
  readonly items: IncidentWithActions[];
  /** Incidents pinned to the top of this pupil's chronology (REC-6): listed on the first page only. */
  readonly pinned: IncidentWithActions[];
  readonly nextCursor?: string;
}

export interface ChronologyOverview {
  readonly pupil: PupilSummary;
  readonly total: number;
  readonly byCategory: { categoryId: string; count: number }[];
  readonly byMonth: { month: string; count: number }[];
}

/**
 * Items read per incident asked for. A page is cut between incidents, so whatever a read returns after
 * the last whole incident is read for nothing: reading about as many items as a page shows (an incident
 * and an action each, on average) keeps that waste to the one incident a read ends inside, at the cost of
 * a page sometimes holding fewer incidents than asked for (the cursor carries on from there).
 */
const ITEMS_PER_INCIDENT = 2;

export class ChronologyService {
  constructor(
    private readonly incidents: IncidentRepository,
    private readonly pupils: PupilReader,
    private readonly audit: AuditLog,
  ) {}

  /**
   * One page: GetItem of the profile, one Query and (see below) the audit write in parallel. Only when that Query ends inside an
   * incident's actions before any whole incident are further reads of the same size made to finish it.
   */
  async page(viewer: Viewer, pupilId: string, limit: number, cursor?: string): Promise<ChronologyPage> {
    const schoolId = viewer.actor.schoolId;
    const auditRead = () =>
      this.audit.record(viewer.actor, {
        action: 'pupil.chronology.read',
        resourceType: 'pupil',
        resourceId: pupilId,
        pupilId,
      });
    // A viewer who may open every pupil is audited alongside the reads (one round trip fewer); an id that
    // names no pupil is then logged as asked for, having disclosed nothing. Under class restrictions the
    // audit waits for the class check, so a refused read is never logged as a read.
    const auditedWithReads = authorisation.maySeeEveryPupil(viewer.access);
    const [pupil, first] = await Promise.all([
      this.pupils.get(schoolId, pupilId),
      this.incidents.chronologySlice(schoolId, pupilId, limit * ITEMS_PER_INCIDENT, cursor),
      auditedWithReads ? auditRead() : undefined,
    ]);
    const seen = this.visiblePupil(viewer, pupil);
    const visible = (copy: ChronologyIncident) =>
      authorisation.maySeeIncident(viewer.access, {
        pupil: pupilAccessFacts(seen),
        categoryIds: copy.categoryIds,
      });
    const budget = limit * ITEMS_PER_INCIDENT;
    // Editors see deleted incidents and actions as markers they can open and restore (REC-6).
    const editor = authorisation.mayDo(viewer.access, 'incidents.edit');
    let assembly = assemblePage(first.items, [], limit, visible, [], editor);
    let lastKey = first.lastKey;
    while (!assembly.lastTaken && lastKey) {
      const rest = await this.incidents.chronologySlice(schoolId, pupilId, budget, encodeCursor(lastKey));
      assembly = assemblePage(rest.items, assembly.pendingActions, limit, visible, [], editor);
      lastKey = rest.lastKey;
    }
    const pins = first.items.flatMap((item) => (item.kind === 'pin' ? [item.entry] : []));
    const pinned = await this.pinnedIncidents(viewer, pins, assembly.incidents, visible, editor);
    const more = assembly.cut || lastKey !== undefined;
    if (!auditedWithReads) await auditRead();
    return {
      pupil: summaryOf(seen),
      items: assembly.incidents,
      pinned,
      ...(more && assembly.lastTaken
        ? { nextCursor: this.incidents.chronologyCursor(assembly.lastTaken) }
        : {}),
    };
  }

  /**
   * Incidents by category and by month, from the viewer's visible copies only. GetItem of the profile
   * and the pupil's entries (projected to time, categories and deletion) in parallel.
   */
  async overview(viewer: Viewer, pupilId: string): Promise<ChronologyOverview> {
    const schoolId = viewer.actor.schoolId;
    const [pupil, entries] = await Promise.all([
      this.pupils.get(schoolId, pupilId),
      this.incidents.overviewEntries(schoolId, pupilId),
    ]);
    const seen = this.visiblePupil(viewer, pupil);
    const facts = pupilAccessFacts(seen);
    const counted = entries.filter(
      (entry: OverviewEntry) =>
        !entry.deleted &&
        authorisation.maySeeIncident(viewer.access, { pupil: facts, categoryIds: entry.categoryIds }),
    );
    await this.audit.record(viewer.actor, {
      action: 'pupil.overview.read',
      resourceType: 'pupil',
      resourceId: pupilId,
      pupilId,
    });
    return {
      pupil: summaryOf(seen),
      total: counted.length,
      byCategory: tally(counted.flatMap((entry) => entry.categoryIds)).map(([categoryId, count]) => ({
        categoryId,
        count,
      })),
      byMonth: tally(counted.map((entry) => entry.occurredAt.slice(0, 7)))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([month, count]) => ({ month, count })),
    };
  }

  /**
   * The pinned incidents the viewer may see, newest pin first. The first page's Query met the pins
   * before any dated entry; a pinned incident already on the page costs nothing more, an older one is
   * read with its copy's own Query (pins are few), found again through the Incident if an edit moved it.
   */
  private async pinnedIncidents(
    viewer: Viewer,
    pins: readonly PinRecord[],
    onPage: readonly IncidentWithActions[],
    visible: (copy: ChronologyIncident) => boolean,
    editor: boolean,
  ): Promise<IncidentWithActions[]> {
    const schoolId = viewer.actor.schoolId;
    const found = await Promise.all(
      [...pins]
        .sort((a, b) => b.pinnedAt.localeCompare(a.pinnedAt))
        .map(async (pin): Promise<IncidentWithActions | undefined> => {
          const shown = onPage.find((entry) => entry.incidentId === pin.incidentId);
          if (shown) return shown;
          let read = await this.incidents.copyWithActions(schoolId, pin.pupilId, pin);
          if (!read) {
            const incident = await this.incidents.getIncident(schoolId, pin.incidentId);
            if (incident) read = await this.incidents.copyWithActions(schoolId, pin.pupilId, incident);
          }
          if (!read || (read.copy.deleted && !editor) || !visible(read.copy)) return undefined;
          const actions = read.actions.filter((action) => editor || action.deleted === undefined);
          return { ...read.copy, actions };
        }),
    );
    return found.filter((entry): entry is IncidentWithActions => entry !== undefined);
  }

  /** The pupil, if this viewer may open them; otherwise the same answer as for no such pupil. */
  private visiblePupil(viewer: Viewer, pupil: Pupil | undefined): Pupil {
    if (!pupil || !authorisation.maySeePupil(viewer.access, pupilAccessFacts(pupil))) {
      throw new IncidentNotFoundError('pupil');
    }
    return pupil;
  }
}

/** Counts of each value, most frequent first. */
function tally(values: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort(([, a], [, b]) => b - a);
}
