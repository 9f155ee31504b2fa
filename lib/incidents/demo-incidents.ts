/**
 * Synthetic incidents for the demo schools, so `npm start` shows a living system: a few pupils with
 * long chronologies and many with one to three incidents, over the last 18 months, in a realistic mix
 * of the school's categories; some with linked pupils (victim, perpetrator, witness), most with
 * actions (a call home, a meeting, a referral to children's social care or no further action with its
 * rationale), the monitoring those incidents started (some since stopped), unread alerts and
 * assignments for the safeguarding lead, and a few vault documents.
 *
 * Pure and deterministic: the same school, pupils, seed and clock give the same records (no
 * Math.random), and ids depend on the seed only, so a second run finds the first one's records.
 * Records are shaped exactly as the services shape them (lib/incidents/incident.ts); writing them is
 * demo-incident-seed.ts's job.
 */
import { createHash } from 'node:crypto';
import type { DashboardAlert } from '../alerts/dashboard-alert';
import type { Agency, Category } from '../categories/category';
import { demoPdf, demoPng } from '../documents/demo-files';
import type { VaultDocument } from '../documents/document';
import { objectKeys } from '../documents/object-keys';
import type { MonitoringInterval } from '../monitoring/monitoring';
import { demoUuid, randomFrom } from '../pupils/demo-pupils';
import { displayNameOf, type Pupil } from '../pupils/pupil';
import {
  ACTION_TEXTS,
  INCIDENT_TEXTS,
  NOT_REFERRED_RATIONALES,
  REFERRED_RATIONALES,
  fillPronouns,
  type DemoActionKind,
} from './demo-incident-texts';
import { monitoringHistory } from './demo-monitoring-intervals';
import type { Action, Incident, InvolvementRole, ReferralRecord, StaffRef } from './incident';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** How many involved pupils have how many incidents each (as the pupil the incident is about). */
export interface DemoTier {
  readonly pupils: number;
  readonly incidents: readonly [min: number, max: number];
}

export interface DemoIncidentPlan {
  readonly seed: number;
  readonly tiers: readonly DemoTier[];
  /** Incidents happened within this many months before now. */
  readonly months: number;
  /** The newest incidents alerted to `alerted` and not yet read. */
  readonly unreadAlerts: number;
  /** Open incidents assigned to `alerted`. */
  readonly assigned: number;
  readonly documents: number;
}

export interface DemoIncidentSource {
  readonly schoolId: string;
  readonly timeZone: string;
  /** Pupils incidents may be about, in a stable order. */
  readonly pupils: readonly Pupil[];
  readonly categories: readonly Category[];
  readonly agencies: readonly Agency[];
  /** Who records incidents, each with how often. */
  readonly recorders: readonly { readonly staff: StaffRef; readonly weight: number }[];
  /** Key holders who add actions, decide referrals and stop monitoring. */
  readonly leads: readonly StaffRef[];
  /** The lead whose dashboard has the unread alerts and assignments. */
  readonly alerted: StaffRef;
  /** The number of the first incident: the school's counter + 1. */
  readonly firstNumber: number;
  readonly now: Date;
}

export interface DemoDocument {
  readonly document: VaultDocument;
  readonly body: Buffer;
}

export interface DemoIncidents {
  /** The first incident generated: its id depends on the seed only, never on the clock. */
  readonly firstGeneratedId: string;
  /** Current versions, in number order. */
  readonly incidents: Incident[];
  /** Version 1 of incidents that a later action changed (a referral decision). */
  readonly earlierVersions: Incident[];
  readonly actions: Action[];
  readonly intervals: MonitoringInterval[];
  readonly alerts: DashboardAlert[];
  readonly documents: DemoDocument[];
}

/** How often each default category is the main concern, by name (schools record behaviour most). */
const CATEGORY_WEIGHTS: Readonly<Record<string, number>> = {
  Behaviour: 18,
  Attendance: 11,
  'Mental health': 10,
  Bullying: 10,
  'Parental contact': 8,
  'Medical issues': 8,
  'Home issues': 8,
  'Online safety': 5,
  Neglect: 5,
  'Child protection': 4,
  'Child-on-child abuse': 3,
  'Domestic abuse': 3,
  SEND: 3,
  'Contact with external agency': 3,
  'Child missing education': 1,
  Prevent: 1,
};

/** What a pupil with a long chronology keeps coming back to. */
const THEMES: readonly (readonly string[])[] = [
  ['Home issues', 'Neglect', 'Attendance'],
  ['Mental health', 'Anxiety', 'Self-harm'],
  ['Behaviour', 'Removed from class', 'Low level disruption'],
  ['Domestic abuse', 'Child protection', 'Home issues'],
  ['Bullying', 'Verbal', 'Cyber'],
  ['Medical issues', 'SEND', 'First aid'],
  ['Online safety', 'Cyber', 'Mental health'],
  ['Attendance', 'Punctuality', 'Parental contact'],
];

/** Concerns that usually end in a referral decision. */
const SERIOUS = new Set([
  'Child protection',
  'Domestic abuse',
  'Neglect',
  'Child-on-child abuse',
  'Self-harm',
  'Prevent',
]);
/** Concerns between pupils, where others are linked. */
const BETWEEN_PUPILS = new Set([
  'Bullying',
  'Child-on-child abuse',
  'Physical',
  'Verbal',
  'Cyber',
  'Prejudice-based',
]);

interface Random {
  (): number;
  int(min: number, max: number): number;
  pick<T>(values: readonly T[]): T;
  chance(probability: number): boolean;
}

function randomOf(seed: number): Random {
  const next = randomFrom(seed);
  const random = (() => next()) as Random;
  random.int = (min, max) => min + Math.floor(next() * (max - min + 1));
  random.pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  random.chance = (probability) => next() < probability;
  return random;
}

function weighted<T>(random: Random, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let left = random() * total;
  for (const [value, weight] of entries) {
    left -= weight;
    if (left < 0) return value;
  }
  return entries.at(-1)![0];
}

/** The school's open categories by name, with each sub-category's parent. */
class CategoryNames {
  private readonly byName = new Map<string, Category>();
  private readonly byId = new Map<string, Category>();

  constructor(categories: readonly Category[]) {
    for (const category of categories) {
      if (category.disabled || category.mergedInto !== undefined) continue;
      this.byName.set(category.name, category);
      this.byId.set(category.categoryId, category);
    }
    if (this.byName.size === 0) throw new Error('The school has no open categories for demo incidents');
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** A sub-category's ids are it and its parent, as the form ticks both. */
  idsOf(name: string): string[] {
    const category = this.byName.get(name)!;
    const parent = category.parentId === undefined ? undefined : this.byId.get(category.parentId);
    return parent ? [parent.categoryId, category.categoryId] : [category.categoryId];
  }

  subCategoriesOf(name: string): string[] {
    const parent = this.byName.get(name);
    if (!parent) return [];
    return [...this.byName.values()]
      .filter((category) => category.parentId === parent.categoryId)
      .map((category) => category.name);
  }

  nameOf(categoryId: string): string | undefined {
    return this.byId.get(categoryId)?.name;
  }

  anyName(): string {
    return [...this.byName.keys()][0]!;
  }
}

interface Drafted {
  readonly index: number;
  incident: Incident;
  /** The most specific category name, for the text and follow-up. */
  readonly concern: string;
  readonly subject: Pupil;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A time in the school day (08:40–15:20 UTC) on a weekday, `daysAgo` before now, never after `latest`. */
function schoolDayTime(random: Random, now: Date, daysAgo: number, latest: number): number {
  const day = new Date(now.getTime() - daysAgo * DAY_MS);
  const weekday = day.getUTCDay();
  const shift = weekday === 0 ? 2 : weekday === 6 ? 1 : 0;
  const date = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - shift);
  const at = date + (8 * 60 + 40 + random.int(0, 400)) * MINUTE_MS;
  return at <= latest ? at : latest - random.int(60, 600) * MINUTE_MS;
}

export function generateDemoIncidents(source: DemoIncidentSource, plan: DemoIncidentPlan): DemoIncidents {
  const random = randomOf(plan.seed);
  const { schoolId, now } = source;
  const names = new CategoryNames(source.categories);
  const agencyNamed = (name: string) =>
    source.agencies.find((agency) => agency.name === name && !agency.disabled)?.agencyId;
  const generalMix = Object.entries(CATEGORY_WEIGHTS).filter(([name]) => names.has(name));
  const pickGeneral = (): string => (generalMix.length > 0 ? weighted(random, generalMix) : names.anyName());
  const refine = (name: string): string => {
    const subs = names.subCategoriesOf(name);
    return subs.length > 0 && random.chance(0.5) ? random.pick(subs) : name;
  };
  const newest = now.getTime() - 30 * MINUTE_MS;
  const spanDays = Math.round(plan.months * 30.4);

  // Involved pupils in a shuffled order, each given a tier's number of incidents and a theme.
  const pool = [...source.pupils].filter((pupil) => !pupil.archived);
  for (let index = pool.length - 1; index > 0; index -= 1) {
    const other = random.int(0, index);
    [pool[index], pool[other]] = [pool[other]!, pool[index]!];
  }
  const involved: { pupil: Pupil; count: number; theme: readonly string[] }[] = [];
  for (const tier of plan.tiers) {
    for (let n = 0; n < tier.pupils && involved.length < pool.length; n += 1) {
      const theme = random.pick(THEMES).filter((name) => names.has(name));
      involved.push({ pupil: pool[involved.length]!, count: random.int(...tier.incidents), theme });
    }
  }
  const others = involved.map(({ pupil }) => pupil);

  const drafts: Drafted[] = [];
  for (const { pupil, count, theme } of involved) {
    for (let n = 0; n < count; n += 1) {
      const index = drafts.length;
      const concern = theme.length > 0 && random.chance(0.65) ? random.pick(theme) : refine(pickGeneral());
      const occurredAt = schoolDayTime(random, now, random.int(0, spanDays), newest);
      const recordedAt = Math.min(occurredAt + random.int(5, 240) * MINUTE_MS, now.getTime() - MINUTE_MS);
      const recorder = weighted(
        random,
        source.recorders.map(({ staff, weight }) => [staff, weight] as const),
      );
      const categoryIds = names.idsOf(concern);
      const linked: { pupil: Pupil; role: InvolvementRole }[] = [];
      let role: InvolvementRole = 'subject';
      if (BETWEEN_PUPILS.has(concern) && others.length > 2 && random.chance(0.45)) {
        role = 'victim';
        const candidates = others.filter((other) => other.pupilId !== pupil.pupilId);
        const perpetrator = random.pick(candidates);
        linked.push({ pupil: perpetrator, role: 'perpetrator' });
        const witness = random.pick(candidates);
        if (random.chance(0.3) && witness.pupilId !== perpetrator.pupilId) {
          linked.push({ pupil: witness, role: 'witness' });
        }
      }
      const texts = INCIDENT_TEXTS[concern] ?? INCIDENT_TEXTS[names.nameOf(categoryIds[0]!) ?? ''] ?? [];
      const text = fillPronouns(
        texts.length > 0 ? random.pick(texts) : 'Concern noted and passed to the DSL.',
        pupil.gender,
      );
      const incidentId = demoUuid(`${schoolId}:${plan.seed}:incident:${index}`);
      const recorded = iso(recordedAt);
      const bodyMap =
        concern === 'First aid' || concern === 'Physical'
          ? [{ view: 'front' as const, x: 0.3 + random() * 0.4, y: 0.55 + random() * 0.3, note: 'Graze' }]
          : [];
      drafts.push({
        index,
        concern,
        subject: pupil,
        incident: {
          incidentId,
          schoolId,
          number: 1,
          pupilId: pupil.pupilId,
          pupils: [
            { pupilId: pupil.pupilId, displayName: displayNameOf(pupil), role, categoryIds },
            ...linked.map((link) => ({
              pupilId: link.pupil.pupilId,
              displayName: displayNameOf(link.pupil),
              role: link.role,
              categoryIds,
            })),
          ],
          text,
          occurredAt: iso(occurredAt),
          recordedAt: recorded,
          recordedBy: recorder,
          status: now.getTime() - occurredAt < 60 * DAY_MS || random.chance(0.2) ? 'active' : 'closed',
          agencyIds: [],
          bodyMap,
          alertedPersonIds: [],
          documentIds: [],
          training: false,
          version: 1,
          updatedAt: recorded,
          updatedBy: recorder,
        },
      });
    }
  }

  // Numbers follow the order incidents were recorded in, from the school's next number on.
  drafts.sort((a, b) => a.incident.recordedAt.localeCompare(b.incident.recordedAt) || a.index - b.index);
  drafts.forEach((draft, position) => {
    draft.incident = { ...draft.incident, number: source.firstNumber + position };
  });

  // Alerts: recent incidents reach the lead unread; older ones recorded by others were alerted and read.
  const alerts: DashboardAlert[] = [];
  const byOthers = drafts.filter((draft) => draft.incident.recordedBy.personId !== source.alerted.personId);
  for (const draft of byOthers) {
    const unread = byOthers.indexOf(draft) >= byOthers.length - plan.unreadAlerts;
    if (!unread && !random.chance(0.6)) continue;
    draft.incident = { ...draft.incident, alertedPersonIds: [source.alerted.personId] };
    if (!unread) continue;
    const subject = draft.incident.pupils[0]!;
    alerts.push({
      personId: source.alerted.personId,
      incidentId: draft.incident.incidentId,
      pupilId: subject.pupilId,
      pupilDisplayName: subject.displayName,
      categoryIds: subject.categoryIds,
      alertedBy: draft.incident.recordedBy,
      alertedAt: draft.incident.recordedAt,
    });
  }
  // Assignments: the newest open incidents about serious concerns first, then any open ones.
  const open = byOthers.filter((draft) => draft.incident.status === 'active').reverse();
  const toAssign = [
    ...open.filter((draft) => SERIOUS.has(draft.concern)),
    ...open.filter((draft) => !SERIOUS.has(draft.concern)),
  ].slice(0, plan.assigned);
  for (const draft of toAssign) draft.incident = { ...draft.incident, assignedTo: source.alerted };

  // Files first, so an incident's first version already lists what was attached when it was added.
  const documents = demoDocuments(drafts, source, plan, random);
  const actions: Action[] = [];
  const earlierVersions: Incident[] = [];
  for (const draft of drafts) {
    const followed = followUp(draft, source, random, agencyNamed);
    actions.push(...followed.actions);
    if (followed.referral) {
      earlierVersions.push(draft.incident);
      const decided = followed.referral;
      draft.incident = {
        ...draft.incident,
        referral: decided,
        agencyIds: decided.decision === 'referred' ? decided.agencyIds : draft.incident.agencyIds,
        version: 2,
        updatedAt: decided.decidedAt,
        updatedBy: decided.decidedBy,
      };
    }
  }

  const incidents = drafts.map((draft) => draft.incident);
  const intervals = monitoringHistory(incidents, {
    timeZone: source.timeZone,
    now,
    leads: source.leads,
    random,
  });
  const firstGeneratedId = drafts.find((draft) => draft.index === 0)?.incident.incidentId ?? '';
  return { firstGeneratedId, incidents, earlierVersions, actions, intervals, alerts, documents };
}

/** The actions on one incident, and the referral decision one of them recorded. */
function followUp(
  draft: Drafted,
  source: DemoIncidentSource,
  random: Random,
  agencyNamed: (name: string) => string | undefined,
): { actions: Action[]; referral?: ReferralRecord } {
  const serious = SERIOUS.has(draft.concern);
  const count = serious
    ? random.int(1, 3)
    : weighted(random, [
        [0, 35],
        [1, 35],
        [2, 20],
        [3, 10],
      ] as const);
  const kinds: DemoActionKind[] = [];
  for (let n = 0; n < count; n += 1) {
    if (n === count - 1 && (serious || random.chance(0.25))) {
      kinds.push(serious && random.chance(0.55) ? 'referral' : 'nfa');
    } else {
      kinds.push(
        weighted(random, [
          ['phone-parent', 5],
          ['spoke-to-pupil', 3],
          ['meeting', 2],
          ['early-help', 1],
        ] as const),
      );
    }
  }
  const { incident } = draft;
  const actions: Action[] = [];
  let referral: ReferralRecord | undefined;
  let at = Date.parse(incident.recordedAt);
  for (const [n, kind] of kinds.entries()) {
    at += random.int(30, 4 * 24 * 60) * MINUTE_MS;
    const recordedAt = at + random.int(2, 30) * MINUTE_MS;
    if (recordedAt > source.now.getTime() - MINUTE_MS) break;
    const recorder = random.pick(source.leads);
    const agency =
      kind === 'referral'
        ? agencyNamed("Children's social care")
        : kind === 'early-help'
          ? agencyNamed('Early help')
          : undefined;
    const linked = incident.pupils.slice(1).map((pupil) => pupil.pupilId);
    const action: Action = {
      actionId: demoUuid(`${incident.incidentId}:action:${n}`),
      incidentId: incident.incidentId,
      schoolId: incident.schoolId,
      text: fillPronouns(random.pick(ACTION_TEXTS[kind]), draft.subject.gender),
      categoryIds: [],
      agencyIds: agency ? [agency] : [],
      occurredAt: iso(at),
      recordedAt: iso(recordedAt),
      recordedBy: recorder,
      pupilIds: [incident.pupilId, ...(random.chance(0.3) ? linked : [])],
      documentIds: [],
      training: false,
      version: 1,
      updatedAt: iso(recordedAt),
      updatedBy: recorder,
    };
    actions.push(action);
    if (referral === undefined && (kind === 'referral' || kind === 'nfa')) {
      const decided = { decidedAt: action.recordedAt, decidedBy: recorder };
      referral =
        kind === 'referral' && agency
          ? {
              decision: 'referred',
              agencyIds: [agency],
              rationale: random.pick(REFERRED_RATIONALES),
              ...decided,
            }
          : { decision: 'not-referred', rationale: random.pick(NOT_REFERRED_RATIONALES), ...decided };
    }
  }
  return referral ? { actions, referral } : { actions };
}

/**
 * A few vault files on the newest serious concerns: a record (PDF) or a photographed note (PNG)
 * attached to the incident, or meeting notes added straight to the pupil's vault. Attached files take the
 * subject's categories, as attaching does.
 */
function demoDocuments(
  drafts: Drafted[],
  source: DemoIncidentSource,
  plan: DemoIncidentPlan,
  random: Random,
): DemoDocument[] {
  const documents: DemoDocument[] = [];
  const serious = drafts.filter((draft) => SERIOUS.has(draft.concern));
  const chosen = (serious.length >= plan.documents ? serious : drafts).slice(-plan.documents);
  for (const [n, draft] of chosen.entries()) {
    const { incident } = draft;
    const attached = n % 2 === 0;
    const pdf = n % 3 !== 2;
    const documentId = demoUuid(`${incident.incidentId}:document:${n}`);
    const body = pdf
      ? demoPdf([
          `${attached ? 'Safeguarding record' : 'Meeting notes'} - Incident ${incident.number}`,
          `Date: ${incident.occurredAt.slice(0, 10)}`,
          'Demo document: every detail in it is invented.',
          'Concern shared with the designated safeguarding lead; actions as recorded in Lantern.',
        ])
      : demoPng(240, 160, [random.int(200, 250), random.int(200, 250), random.int(170, 230)]);
    const fileName = pdf
      ? `${attached ? 'safeguarding-record' : 'meeting-notes'}-${incident.number}.pdf`
      : `note-photo-${incident.number}.png`;
    const uploader = attached ? incident.recordedBy : random.pick(source.leads);
    const subject = incident.pupils[0]!;
    documents.push({
      body,
      document: {
        documentId,
        schoolId: incident.schoolId,
        pupilId: subject.pupilId,
        fileName,
        contentType: pdf ? 'application/pdf' : 'image/png',
        sizeBytes: body.length,
        sha256: createHash('sha256').update(body).digest('hex'),
        objectKey: objectKeys.vault(incident.schoolId, subject.pupilId, documentId),
        ...(attached ? { incidentId: incident.incidentId } : {}),
        categoryIds: attached ? subject.categoryIds : [],
        uploadedAt: incident.recordedAt,
        uploadedBy: uploader,
        training: false,
      },
    });
    if (attached) draft.incident = { ...draft.incident, documentIds: [documentId] };
  }
  return documents;
}
