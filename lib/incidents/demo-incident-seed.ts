/**
 * Writes the demo incidents (demo-incidents.ts) for the demo schools' seeded pupils: every item built
 * by the same builders the services use (incident-items.ts, copyFor, dashboard-items.ts, the monitoring
 * writes, the vault's item and encryption), loaded with BatchWriteItem rather than one transaction per
 * incident, because thousands of items must land in seconds at `npm start`.
 *
 * Idempotent: ids are deterministic, puts overwrite, and the first generated incident is written last,
 * in one transaction with the school's IncidentCounter. Finding it means the school was seeded; a run
 * that stopped before it rewrites the same items and numbers (the counter has not moved), and the
 * counter's condition refuses the seed if a real incident took a number meanwhile. After the seed the
 * counter stands at the last demo number, so the next real incident gets the next one.
 */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AlertInbox } from '../alerts/alert-inbox';
import { AgencyRepository } from '../categories/agency-repository';
import { CategoryRepository } from '../categories/category-repository';
import { batchWriteAll, type WriteRequest } from '../data/batch-write';
import { incidentKeys } from '../data/keys';
import { vaultDocumentItem } from '../documents/document-repository';
import { vaultEncryption } from '../documents/vault-objects';
import { PersonRepository } from '../identity/person-repository';
import type { MonitoringInterval } from '../monitoring/monitoring';
import { startMonitoringWrites } from '../monitoring/monitoring-writes';
import { demoPupilIds } from '../pupils/demo-pupil-seed';
import type { Pupil } from '../pupils/pupil';
import { profileItem } from '../pupils/pupil-items';
import { PupilRepository } from '../pupils/pupil-repository';
import type { TransactWriteItem } from '../pupils/transact-write-item';
import type { SchoolRepository } from '../schools/school-repository';
import { assignedPut, historyPut, type DashboardSubject } from './dashboard-items';
import { generateDemoIncidents, type DemoIncidentPlan, type DemoIncidents } from './demo-incidents';
import type { Incident, StaffRef } from './incident';
import {
  actionCopyFor,
  actionCopyPut,
  actionPut,
  categoryUsePut,
  copyPut,
  incidentNumberPut,
  incidentPut,
  incidentVersionPut,
} from './incident-items';
import { allCategoryIds, copyFor } from './incident-records';
import { IncidentRepository } from './incident-repository';
import { writeLabelled } from './labelled-transaction';

/** Where the vault keeps files, and the key they are encrypted under. */
export interface DemoVault {
  readonly s3: S3Client;
  readonly bucket: string;
  readonly keyId: string;
}

interface DemoIncidentSchool {
  readonly urn: string;
  readonly plan: DemoIncidentPlan;
  readonly recorders: readonly { readonly email: string; readonly weight: number }[];
  readonly leads: readonly string[];
  readonly alerted: string;
}

const DANA = 'dana.shah@oakfield.example.org';
const TOM = 'tom.reed@oakfield.example.org';
const PRIYA = 'priya.nair@trust.example.org';
const RAVI = 'ravi.cole@riverside.example.org';

/**
 * Oakfield: about 80 pupils and 400–700 incidents, a handful with long chronologies; Riverside about
 * 100 incidents. Tom and Ravi (teachers) record most; the leads act. Only the leads are alerted, so a
 * teacher's dashboard starts with no unread alerts.
 */
export const DEMO_INCIDENT_SCHOOLS: readonly DemoIncidentSchool[] = [
  {
    urn: '990001',
    plan: {
      seed: 4_990_001,
      tiers: [
        { pupils: 6, incidents: [25, 45] },
        { pupils: 16, incidents: [5, 12] },
        { pupils: 58, incidents: [1, 3] },
      ],
      months: 18,
      unreadAlerts: 8,
      assigned: 5,
      documents: 6,
    },
    recorders: [
      { email: TOM, weight: 55 },
      { email: DANA, weight: 30 },
      { email: PRIYA, weight: 15 },
    ],
    leads: [DANA, PRIYA],
    alerted: DANA,
  },
  {
    urn: '990002',
    plan: {
      seed: 4_990_002,
      tiers: [
        { pupils: 2, incidents: [12, 20] },
        { pupils: 6, incidents: [3, 6] },
        { pupils: 22, incidents: [1, 3] },
      ],
      months: 18,
      unreadAlerts: 3,
      assigned: 2,
      documents: 2,
    },
    recorders: [
      { email: RAVI, weight: 65 },
      { email: PRIYA, weight: 35 },
    ],
    leads: [PRIYA],
    alerted: PRIYA,
  },
];

/** Several BatchWriteItem calls at once: DynamoDB Local keeps up, and the seed is mostly waiting. */
const CONCURRENT_BATCHES = 12;
/** The dashboard shows a week of "My history"; older entries would have expired. */
const HISTORY_DAYS = 7;
/** Demo records are not a client's request: no retry will ever be matched against this. */
const SEED_FINGERPRINT = { requestHash: 'demo-seed' };

function putOf(item: TransactWriteItem): WriteRequest {
  if (!item.Put?.Item) throw new Error('Only Put items can be batch-written');
  return { PutRequest: { Item: item.Put.Item } };
}

export interface SeededIncidents {
  readonly incidents: number;
  readonly items: number;
}

/** Seeds every demo school that has its pupils and no demo incidents yet; answers what it wrote. */
export async function seedDemoIncidents(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  schools: SchoolRepository,
  vault: DemoVault,
  now: Date = new Date(),
): Promise<SeededIncidents> {
  const results = await Promise.all(
    DEMO_INCIDENT_SCHOOLS.map((school) => seedSchool(dynamo, tableName, schools, vault, school, now)),
  );
  return results.reduce(
    (sum, result) => ({ incidents: sum.incidents + result.incidents, items: sum.items + result.items }),
    { incidents: 0, items: 0 },
  );
}

async function seedSchool(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  schools: SchoolRepository,
  vault: DemoVault,
  plan: DemoIncidentSchool,
  now: Date,
): Promise<SeededIncidents> {
  const none = { incidents: 0, items: 0 };
  const schoolId = await schools.findIdByUrn(plan.urn);
  const school = schoolId ? await schools.get(schoolId) : undefined;
  if (!school) return none;
  const ids = demoPupilIds(school.schoolId, plan.urn);
  const people = new PersonRepository(dynamo, tableName);
  const staffRef = async (email: string): Promise<StaffRef> => {
    const person = await people.findByEmail(email);
    if (!person) throw new Error(`Demo person ${email} is missing`);
    return { personId: person.personId, name: person.displayName };
  };
  const [stored, categories, agencies, counter, recorders, leads, alerted] = await Promise.all([
    new PupilRepository(dynamo, tableName).getMany(school.schoolId, ids),
    new CategoryRepository(dynamo, tableName).list(school.schoolId),
    new AgencyRepository(dynamo, tableName).list(school.schoolId),
    currentCounter(dynamo, tableName, school.schoolId),
    Promise.all(plan.recorders.map(async ({ email, weight }) => ({ staff: await staffRef(email), weight }))),
    Promise.all(plan.leads.map(staffRef)),
    staffRef(plan.alerted),
  ]);
  if (stored.length === 0) return none;
  const order = new Map(ids.map((id, index) => [id, index]));
  const pupils = stored.sort((a, b) => order.get(a.pupilId)! - order.get(b.pupilId)!);
  const demo = generateDemoIncidents(
    {
      schoolId: school.schoolId,
      timeZone: school.timeZone,
      pupils,
      categories,
      agencies,
      recorders,
      leads,
      alerted,
      firstNumber: counter + 1,
      now,
    },
    plan.plan,
  );
  // The first generated incident (its id never depends on the clock) is the seed's marker.
  const marker = demo.incidents.find((incident) => incident.incidentId === demo.firstGeneratedId);
  if (!marker) return none;
  if (await new IncidentRepository(dynamo, tableName).getIncident(school.schoolId, marker.incidentId)) {
    return none;
  }

  const requests = itemsOf(tableName, demo, pupils, now).filter((request) => !isItemOf(request, marker));
  await Promise.all([
    batchWriteAll(dynamo, tableName, requests, CONCURRENT_BATCHES),
    new AlertInbox(dynamo, tableName).putAll(school.schoolId, demo.alerts),
    ...demo.documents.map(({ document, body }) =>
      vault.s3.send(
        new PutObjectCommand({
          Bucket: vault.bucket,
          Key: document.objectKey,
          Body: body,
          ContentType: document.contentType,
          ...vaultEncryption(vault.keyId, document.schoolId, document.pupilId),
        }),
      ),
    ),
  ]);
  await writeLabelled(dynamo, [
    { label: 'marker', item: incidentPut(tableName, marker, SEED_FINGERPRINT) },
    {
      label: 'counter',
      item: {
        Update: {
          TableName: tableName,
          Key: incidentKeys.counter(school.schoolId),
          UpdateExpression: 'SET #value = :last, itemType = :type',
          ConditionExpression: 'attribute_not_exists(#value) OR #value = :before',
          ExpressionAttributeNames: { '#value': 'value' },
          ExpressionAttributeValues: {
            ':last': counter + demo.incidents.length,
            ':before': counter,
            ':type': 'IncidentCounter',
          },
        },
      },
    },
  ]);
  return { incidents: demo.incidents.length, items: requests.length + demo.alerts.length + 1 };
}

function dashboardSubjectOf(incident: Incident): DashboardSubject {
  const subject = incident.pupils[0]!;
  return {
    schoolId: incident.schoolId,
    incidentId: incident.incidentId,
    number: incident.number,
    pupilId: subject.pupilId,
    pupilDisplayName: subject.displayName,
    categoryIds: subject.categoryIds,
  };
}

function isItemOf(request: WriteRequest, incident: Incident): boolean {
  return (
    'PutRequest' in request &&
    request.PutRequest.Item.itemType === 'Incident' &&
    request.PutRequest.Item.incidentId === incident.incidentId
  );
}

async function currentCounter(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  schoolId: string,
): Promise<number> {
  const result = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: incidentKeys.counter(schoolId), ConsistentRead: true }),
  );
  const value: unknown = result.Item?.value;
  return typeof value === 'number' ? value : 0;
}

/** Every item of the demo records except the unread alerts (the inbox writes those). */
function itemsOf(
  tableName: string,
  demo: DemoIncidents,
  pupils: readonly Pupil[],
  now: Date,
): WriteRequest[] {
  const writes: TransactWriteItem[] = [];
  const recent = now.getTime() - HISTORY_DAYS * 86_400_000;
  const incidentsById = new Map(demo.incidents.map((incident) => [incident.incidentId, incident]));
  for (const incident of demo.incidents) {
    const { schoolId, incidentId } = incident;
    const dashboardSubject = dashboardSubjectOf(incident);
    writes.push(
      incidentPut(tableName, incident, SEED_FINGERPRINT),
      incidentNumberPut(tableName, incident),
      ...incident.pupils.map((pupil) => copyPut(tableName, copyFor(incident, pupil.pupilId))),
      ...allCategoryIds(incident).map((categoryId) =>
        categoryUsePut(tableName, schoolId, categoryId, incidentId, incident.recordedAt),
      ),
    );
    if (incident.assignedTo && incident.status === 'active') {
      writes.push(
        assignedPut(
          tableName,
          dashboardSubject,
          incident.assignedTo,
          incident.recordedBy,
          incident.recordedAt,
        ),
      );
    }
    if (Date.parse(incident.recordedAt) >= recent) {
      writes.push(historyPut(tableName, dashboardSubject, incident.recordedBy, { at: incident.recordedAt }));
    }
  }
  for (const previous of demo.earlierVersions) writes.push(incidentVersionPut(tableName, previous));
  for (const action of demo.actions) {
    const incident = incidentsById.get(action.incidentId)!;
    writes.push(
      actionPut(tableName, action, SEED_FINGERPRINT),
      ...action.pupilIds.map((pupilId) =>
        actionCopyPut(tableName, actionCopyFor(action, pupilId), incident.occurredAt),
      ),
    );
    if (Date.parse(action.recordedAt) >= recent) {
      writes.push(
        historyPut(tableName, dashboardSubjectOf(incident), action.recordedBy, {
          at: action.recordedAt,
          actionId: action.actionId,
        }),
      );
    }
  }
  const requests = writes.map(putOf);
  requests.push(...monitoringRequests(tableName, demo.intervals, pupils));
  for (const { document } of demo.documents)
    requests.push({ PutRequest: { Item: vaultDocumentItem(document) } });
  return requests;
}

/**
 * The monitoring items as the monitoring writes build them: each interval and, while open, its
 * MonitoredPupil entry; a stopped interval carries what stopping sets. Each involved pupil's profile is
 * put again with the categories still monitored added to monitoredCategoryIds (no version bump, as
 * monitoring never bumps it).
 */
function monitoringRequests(
  tableName: string,
  intervals: readonly MonitoringInterval[],
  pupils: readonly Pupil[],
): WriteRequest[] {
  const byId = new Map(pupils.map((pupil) => [pupil.pupilId, pupil]));
  const monitored = new Map<string, Set<string>>();
  const requests: WriteRequest[] = [];
  for (const interval of intervals) {
    const pupil = byId.get(interval.pupilId)!;
    const started = startMonitoringWrites({
      tableName,
      pupil: { ...pupil, monitoredCategoryIds: [] },
      categoryIds: [interval.categoryId],
      since: interval.since,
      at: interval.startedAt,
      startedBy: interval.startedBy,
      reason: interval.reason,
      ...(interval.incidentId === undefined ? {} : { incidentId: interval.incidentId }),
    });
    for (const item of started.items) {
      const type: unknown = item.Put?.Item?.itemType;
      if (type === 'MonitoringInterval') {
        const stopped =
          interval.endedAt === undefined
            ? {}
            : { endedAt: interval.endedAt, until: interval.until, endedBy: interval.endedBy };
        requests.push({ PutRequest: { Item: { ...item.Put!.Item!, ...stopped } } });
      } else if (type === 'MonitoredPupil' && interval.endedAt === undefined) {
        requests.push(putOf(item));
      }
    }
    if (interval.endedAt === undefined) {
      const open = monitored.get(pupil.pupilId) ?? new Set(pupil.monitoredCategoryIds);
      open.add(interval.categoryId);
      monitored.set(pupil.pupilId, open);
    }
  }
  for (const [pupilId, categoryIds] of monitored) {
    const pupil = byId.get(pupilId)!;
    requests.push({
      PutRequest: { Item: profileItem({ ...pupil, monitoredCategoryIds: [...categoryIds] }) },
    });
  }
  return requests;
}
