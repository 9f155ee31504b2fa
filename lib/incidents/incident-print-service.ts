/**
 * Printing one incident to PDF (REC-6 "Print view"). Only a key holder who may see this pupil's copy
 * in every one of its categories may print it: staff reading it through an unread alert may not, since
 * paper outlives the alert. The print is audited before anything is rendered, then the PDF is stored
 * under exports/ (SSE-KMS) and offered through a one-minute presigned link, as vault zips are.
 *
 * Reads: the Incident, the pupil, the school, its categories and agencies in parallel; then the pupil's
 * copy with its actions (one Query).
 */
import type { AuditLog } from '../audit/audit-log';
import type { Agency, Category } from '../categories/category';
import type { ExportLink, ExportStore } from '../documents/export-store';
import { displayNameOf } from '../pupils/pupil';
import { incidentAccess } from './incident-access';
import { IncidentNotFoundError } from './incident-errors';
import { renderIncidentPdf } from './incident-pdf';
import { buildIncidentPrint } from './incident-print';
import type { IncidentRepository } from './incident-repository';
import type { PupilReader, Viewer } from './viewer';

export interface IncidentPrintDependencies {
  readonly incidents: IncidentRepository;
  readonly pupils: PupilReader;
  readonly categories: { list(schoolId: string): Promise<Category[]> };
  readonly agencies: { list(schoolId: string): Promise<Agency[]> };
  readonly schools: { get(schoolId: string): Promise<{ name: string; timeZone: string } | undefined> };
  readonly exports: Pick<ExportStore, 'put' | 'link'>;
  readonly audit: AuditLog;
  readonly now: () => Date;
}

export class IncidentPrintService {
  constructor(private readonly deps: IncidentPrintDependencies) {}

  async print(viewer: Viewer, incidentId: string, pupilId: string): Promise<ExportLink> {
    const { deps } = this;
    const { schoolId } = viewer.actor;
    const [incident, pupil, school, categories, agencies] = await Promise.all([
      deps.incidents.getIncident(schoolId, incidentId),
      deps.pupils.get(schoolId, pupilId),
      deps.schools.get(schoolId),
      deps.categories.list(schoolId),
      deps.agencies.list(schoolId),
    ]);
    const involved = incident?.pupils.some((entry) => entry.pupilId === pupilId) ?? false;
    if (!incident || !pupil || !school || !involved || incident.deleted) throw new IncidentNotFoundError();
    const found = await deps.incidents.copyWithActions(schoolId, pupilId, incident);
    if (!found) throw new IncidentNotFoundError();
    // No alert is passed: an alert lets someone read an incident, never print it.
    if (!incidentAccess(viewer, pupil, found.copy.categoryIds, undefined).visible) {
      throw new IncidentNotFoundError();
    }

    const printedAt = deps.now();
    await deps.audit.record(viewer.actor, {
      action: 'incident.print',
      resourceType: 'incident',
      resourceId: incidentId,
      pupilId,
      detail: `incident ${incident.number} printed to PDF`,
    });
    const data = buildIncidentPrint({ ...found.copy, actions: found.actions }, viewer.access, {
      schoolName: school.name,
      timeZone: school.timeZone,
      pupilName: displayNameOf(pupil),
      categories: new Map(categories.map((category) => [category.categoryId, category])),
      agencies: new Map(agencies.map((agency) => [agency.agencyId, agency])),
      printedBy: viewer.actor.actorName,
      printedAt,
    });
    const bytes = await renderIncidentPdf(data, printedAt);
    const stored = await deps.exports.put(
      schoolId,
      `incident-${incident.number}.pdf`,
      'application/pdf',
      bytes,
    );
    return deps.exports.link(stored);
  }
}
