/**
 * What a printed incident shows (REC-6 "print view"), as plain lines for the PDF renderer: one pupil's
 * copy with its actions, in the words a DSL would want on paper. Built from what the viewer may see
 * only: a category the viewer may not view incidents in is left out of the data here, so the renderer
 * can never print it. Dates are shown in the school's time zone.
 */
import type { AccessProfile } from '../access/authorisation';
import type { Agency, Category } from '../categories/category';
import type { IncidentWithActions } from './chronology-entry';

export interface PrintedAction {
  readonly heading: string;
  readonly categories: readonly string[];
  readonly agencies: readonly string[];
  readonly text: string;
}

/** Everything the renderer prints, already filtered and formatted. */
export interface IncidentPrintData {
  readonly title: string;
  readonly schoolName: string;
  readonly incidentNumber: number;
  /** "Name (role)" for this pupil first, then the others on the record. */
  readonly pupils: readonly string[];
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly status: string;
  readonly assignedTo?: string;
  readonly categories: readonly string[];
  readonly agencies: readonly string[];
  readonly text: string;
  readonly bodyMap: readonly string[];
  readonly referral?: string;
  readonly actions: readonly PrintedAction[];
  readonly training: boolean;
  readonly footer: string;
}

export interface PrintContext {
  readonly schoolName: string;
  readonly timeZone: string;
  readonly pupilName: string;
  readonly categories: ReadonlyMap<string, Category>;
  readonly agencies: ReadonlyMap<string, Agency>;
  readonly printedBy: string;
  readonly printedAt: Date;
}

/**
 * "Tuesday 3 March 2026, 14:05" in the school's zone: paper has no hover to say which zone. Built from
 * the parts, since ICU versions join them differently ("Tuesday, 3 March 2026 at 14:05").
 */
export function printDateTime(at: string | Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(typeof at === 'string' ? new Date(at) : at);
  const value = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${value('weekday')} ${value('day')} ${value('month')} ${value('year')}, ${value('hour')}:${value('minute')}`;
}

function roleName(role: string): string {
  return role.charAt(0).toUpperCase() + role.slice(1);
}

/** The category's name with its parent's ("Bullying > Cyber"), as the chronology shows it. */
function categoryLabel(categories: ReadonlyMap<string, Category>, categoryId: string): string | undefined {
  const category = categories.get(categoryId);
  if (!category) return undefined;
  const parent = category.parentId === undefined ? undefined : categories.get(category.parentId);
  return parent ? `${parent.name} > ${category.name}` : category.name;
}

/** Only categories the viewer may see incidents in; the rest are left out, not masked. */
function visibleCategories(
  profile: AccessProfile,
  context: PrintContext,
  categoryIds: readonly string[],
): string[] {
  return categoryIds.flatMap((categoryId) => {
    if (profile.categories.get(categoryId)?.viewIncidents !== true) return [];
    const label = categoryLabel(context.categories, categoryId);
    return label === undefined ? [] : [label];
  });
}

function agencyNames(context: PrintContext, agencyIds: readonly string[]): string[] {
  return agencyIds.map((agencyId) => context.agencies.get(agencyId)?.name ?? 'An agency no longer listed');
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

export function buildIncidentPrint(
  incident: IncidentWithActions,
  profile: AccessProfile,
  context: PrintContext,
): IncidentPrintData {
  const when = (at: string) => printDateTime(at, context.timeZone);
  const referral = incident.referral;
  const actions = incident.actions
    .filter((action) => action.deleted === undefined)
    .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.recordedAt.localeCompare(b.recordedAt));
  return {
    title: `Incident ${incident.number}`,
    schoolName: context.schoolName,
    incidentNumber: incident.number,
    pupils: [
      `${context.pupilName} (${roleName(incident.role)})`,
      ...incident.otherPupils.map((other) => `${other.displayName} (${roleName(other.role)})`),
    ],
    occurredAt: when(incident.occurredAt),
    recordedAt: when(incident.recordedAt),
    recordedBy: incident.recordedBy.name,
    status: incident.status === 'active' ? 'Active' : 'Closed',
    ...(incident.assignedTo ? { assignedTo: incident.assignedTo.name } : {}),
    categories: visibleCategories(profile, context, incident.categoryIds),
    agencies: agencyNames(context, incident.agencyIds),
    text: incident.text,
    bodyMap: incident.bodyMap.map(
      (marker, index) =>
        `${index + 1}. ${marker.view === 'front' ? 'Front' : 'Back'}, ${percent(marker.x)} across, ` +
        `${percent(marker.y)} down${marker.note ? `: ${marker.note}` : ''}`,
    ),
    ...(referral
      ? {
          referral:
            (referral.decision === 'referred'
              ? `Referred to ${agencyNames(context, referral.agencyIds).join(', ')}`
              : 'Not referred') +
            ` (decided by ${referral.decidedBy.name}, ${when(referral.decidedAt)})` +
            (referral.rationale ? `. Reason: ${referral.rationale}` : ''),
        }
      : {}),
    actions: actions.map((action) => ({
      heading: `${when(action.occurredAt)}, recorded by ${action.recordedBy.name}`,
      categories: visibleCategories(profile, context, action.categoryIds),
      agencies: agencyNames(context, action.agencyIds),
      text: action.text,
    })),
    training: incident.training,
    footer: `Printed by ${context.printedBy} on ${printDateTime(context.printedAt, context.timeZone)} — OFFICIAL-SENSITIVE`,
  };
}
