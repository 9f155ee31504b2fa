/**
 * The benchmark's school: incidents with actions spread over its pupils the way a real school's are —
 * most pupils have a handful, a few have hundreds. Items are built by the same functions the add-incident
 * and add-action transactions use, and written with BatchWrite (the benchmark measures reads, not seeding).
 */
import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from '../../lib/data/batch-write';
import type { Action, Incident, StaffRef } from '../../lib/incidents/incident';
import {
  actionCopyFor,
  actionCopyPut,
  actionPut,
  categoryUsePut,
  copyPut,
  incidentNumberPut,
  incidentPut,
} from '../../lib/incidents/incident-items';
import { copyFor } from '../../lib/incidents/incident-records';
import type { TransactWriteItem } from '../../lib/pupils/transact-write-item';
import { displayNameOf, type Pupil } from '../../lib/pupils/pupil';

/** A small deterministic generator, so every run seeds the same school. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const SENTENCES = [
  'Arrived at school without a coat and said there was no heating at home over the weekend.',
  'Was upset at morning break and said an older pupil had taken their phone on the way to school.',
  'Parent phoned the office to say there had been a difficult evening at home and asked for a call back.',
  'Class teacher noticed a bruise on the forearm during PE; the pupil said it happened at football.',
  'Has been late five times this half term and appears tired during the first lesson.',
  'Disclosed to the teaching assistant that they were worried about a message they had received online.',
  'Met with the family support worker, who will visit on Thursday and feed back to the DSL.',
  'Spoke with the pupil, who said things were better this week and that they had someone to talk to.',
  'Referral made to early help with the parent’s consent; acknowledgement received by email.',
  'Attendance officer called home; no answer, voicemail left asking the parent to contact school.',
];

function text(random: () => number, minimumCharacters: number): string {
  const parts: string[] = [];
  let length = 0;
  while (length < minimumCharacters) {
    const sentence = SENTENCES[Math.floor(random() * SENTENCES.length)]!;
    parts.push(sentence);
    length += sentence.length + 1;
  }
  return parts.join(' ');
}

export interface BenchRecordsPlan {
  readonly incidents: number;
  readonly seed: number;
}

export interface BenchRecordsSummary {
  readonly incidents: number;
  readonly actions: number;
  readonly itemsWritten: number;
  /** Incident copies per pupil, for choosing whose chronology to read. */
  readonly copiesPerPupil: ReadonlyMap<string, number>;
}

/** Pupils are chosen with weights 1/rank^0.9, so a few pupils carry hundreds of incidents. */
function weightedPicker(pupils: readonly Pupil[], random: () => number): () => Pupil {
  const weights = pupils.map((_, rank) => 1 / Math.pow(rank + 1, 0.9));
  const cumulative: number[] = [];
  weights.reduce((sum, weight) => {
    cumulative.push(sum + weight);
    return sum + weight;
  }, 0);
  const total = cumulative[cumulative.length - 1]!;
  return () => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return pupils[low]!;
  };
}

function itemOf(write: TransactWriteItem): Record<string, unknown> {
  if (!write.Put) throw new Error('The benchmark seeds only Put items');
  return write.Put.Item as Record<string, unknown>;
}

const writeAll = (dynamo: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[]) =>
  batchWriteAll(
    dynamo,
    tableName,
    items.map((Item) => ({ PutRequest: { Item } })),
    8,
  );

export async function seedBenchRecords(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  school: { schoolId: string; pupils: readonly Pupil[]; categoryIds: readonly string[]; recorder: StaffRef },
  plan: BenchRecordsPlan,
): Promise<BenchRecordsSummary> {
  const random = seededRandom(plan.seed);
  const pick = weightedPicker(school.pupils, random);
  const category = () => school.categoryIds[Math.floor(random() * school.categoryIds.length)]!;
  const copiesPerPupil = new Map<string, number>();
  const yearMs = 365 * 24 * 60 * 60 * 1000;
  const start = Date.now() - 3 * yearMs;
  let actions = 0;
  let itemsWritten = 0;
  let pending: Record<string, unknown>[] = [];
  for (let number = 1; number <= plan.incidents; number += 1) {
    const subject = pick();
    const linked = random() < 0.1 ? pick() : undefined;
    const occurredAt = new Date(start + random() * 3 * yearMs).toISOString();
    const at = occurredAt;
    const subjectCategories = [category(), ...(random() < 0.3 ? [category()] : [])];
    const incident: Incident = {
      incidentId: randomUUID(),
      schoolId: school.schoolId,
      number,
      pupilId: subject.pupilId,
      pupils: [
        {
          pupilId: subject.pupilId,
          displayName: displayNameOf(subject),
          role: 'subject',
          categoryIds: [...new Set(subjectCategories)],
        },
        ...(linked && linked.pupilId !== subject.pupilId
          ? [
              {
                pupilId: linked.pupilId,
                displayName: displayNameOf(linked),
                role: 'witness' as const,
                categoryIds: [category()],
              },
            ]
          : []),
      ],
      text: text(random, 150 + Math.floor(random() * 1000)),
      occurredAt,
      recordedAt: at,
      recordedBy: school.recorder,
      status: random() < 0.7 ? 'closed' : 'active',
      agencyIds: [],
      bodyMap: [],
      alertedPersonIds: [],
      documentIds: [],
      training: false,
      version: 1,
      updatedAt: at,
      updatedBy: school.recorder,
    };
    const fingerprint = { requestHash: 'bench' };
    const writes: TransactWriteItem[] = [
      incidentPut(tableName, incident, fingerprint),
      incidentNumberPut(tableName, incident),
      ...incident.pupils.map((pupil) => copyPut(tableName, copyFor(incident, pupil.pupilId))),
      ...[...new Set(incident.pupils.flatMap((pupil) => pupil.categoryIds))].map((categoryId) =>
        categoryUsePut(tableName, incident.schoolId, categoryId, incident.incidentId, at),
      ),
    ];
    for (const pupil of incident.pupils) {
      copiesPerPupil.set(pupil.pupilId, (copiesPerPupil.get(pupil.pupilId) ?? 0) + 1);
    }
    const actionCount = Math.floor(random() * 4);
    for (let index = 0; index < actionCount; index += 1) {
      const actionAt = new Date(Date.parse(occurredAt) + (index + 1) * 86_400_000).toISOString();
      const action: Action = {
        actionId: randomUUID(),
        incidentId: incident.incidentId,
        schoolId: school.schoolId,
        text: text(random, 80 + Math.floor(random() * 400)),
        categoryIds: [],
        agencyIds: [],
        occurredAt: actionAt,
        recordedAt: actionAt,
        recordedBy: school.recorder,
        pupilIds: [subject.pupilId],
        documentIds: [],
        training: false,
        version: 1,
        updatedAt: actionAt,
        updatedBy: school.recorder,
      };
      writes.push(
        actionPut(tableName, action, fingerprint),
        actionCopyPut(tableName, actionCopyFor(action, subject.pupilId), incident.occurredAt),
      );
      actions += 1;
    }
    pending.push(...writes.map(itemOf));
    if (pending.length >= 5000) {
      itemsWritten += pending.length;
      await writeAll(dynamo, tableName, pending);
      pending = [];
    }
  }
  itemsWritten += pending.length;
  await writeAll(dynamo, tableName, pending);
  return { incidents: plan.incidents, actions, itemsWritten, copiesPerPupil };
}
