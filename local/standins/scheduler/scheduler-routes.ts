// The EventBridge Scheduler REST operations: schedule and schedule-group create, read, update, delete
// and list, answered from the store in AWS's response shapes.
import { AwsError, validationException } from '../http/aws-errors';
import { pageByOffset, type Page } from '../http/offset-pagination';
import { parseInput } from '../http/parse-input';
import type { RestRequest } from '../http/rest-json-protocol';
import { LOCAL_ACCOUNT_ID } from '../local-account';
import { buildSchedule, checkName } from './schedule-definition';
import { groupBodySchema, type StoredGroup, type StoredSchedule } from './schedule-schemas';
import { DEFAULT_GROUP, scheduleKey, type ScheduleStore } from './schedule-store';

export type SchedulerRoutes = (request: RestRequest, body: unknown, region: string) => unknown;

interface RouteInput {
  /** The path's name segment ('' for the list operations). */
  name: string;
  query: URLSearchParams;
  body: unknown;
  scheduleArn: (schedule: StoredSchedule) => string;
  groupArn: (group: StoredGroup) => string;
}

type Route = (input: RouteInput) => unknown;

export function createSchedulerRoutes(store: ScheduleStore, nowMs: () => number): SchedulerRoutes {
  const routes = new Map<string, Route>([
    [routeKey('POST', 'schedules', true), createSchedule],
    [routeKey('PUT', 'schedules', true), updateSchedule],
    [routeKey('GET', 'schedules', true), getSchedule],
    [routeKey('DELETE', 'schedules', true), deleteSchedule],
    [routeKey('GET', 'schedules', false), listSchedules],
    [routeKey('POST', 'schedule-groups', true), createGroup],
    [routeKey('GET', 'schedule-groups', true), getGroup],
    [routeKey('DELETE', 'schedule-groups', true), deleteGroup],
    [routeKey('GET', 'schedule-groups', false), listGroups],
  ]);

  function createSchedule({ name, body, scheduleArn }: RouteInput): unknown {
    const schedule = buildSchedule(store, name, body, nowMs());
    const existing = store.getSchedule(schedule.GroupName, name);
    if (existing) {
      // A retried create (same client token) succeeds again, as AWS's idempotency token promises.
      if (schedule.ClientToken !== undefined && existing.ClientToken === schedule.ClientToken) {
        return { ScheduleArn: scheduleArn(existing) };
      }
      throw new AwsError('ConflictException', `Schedule ${name} already exists.`, 409);
    }
    store.putSchedule(schedule);
    store.persist();
    return { ScheduleArn: scheduleArn(schedule) };
  }

  function updateSchedule({ name, body, scheduleArn }: RouteInput): unknown {
    const bodyGroup = (body as { GroupName?: unknown } | null)?.GroupName;
    const previous = store.requireSchedule(typeof bodyGroup === 'string' ? bodyGroup : DEFAULT_GROUP, name);
    // UpdateSchedule replaces the whole definition; unspecified fields return to their defaults.
    const schedule = buildSchedule(store, name, body, nowMs(), previous);
    store.putSchedule(schedule);
    store.persist();
    return { ScheduleArn: scheduleArn(schedule) };
  }

  function getSchedule({ name, query, scheduleArn }: RouteInput): unknown {
    const schedule = store.requireSchedule(query.get('groupName') ?? DEFAULT_GROUP, name);
    return {
      Arn: scheduleArn(schedule),
      Name: schedule.Name,
      GroupName: schedule.GroupName,
      ScheduleExpression: schedule.ScheduleExpression,
      ScheduleExpressionTimezone: schedule.ScheduleExpressionTimezone,
      StartDate: schedule.StartDate,
      EndDate: schedule.EndDate,
      Description: schedule.Description,
      State: schedule.State,
      KmsKeyArn: schedule.KmsKeyArn,
      ActionAfterCompletion: schedule.ActionAfterCompletion,
      FlexibleTimeWindow: schedule.FlexibleTimeWindow,
      Target: schedule.Target,
      CreationDate: schedule.CreationDate,
      LastModificationDate: schedule.LastModificationDate,
    };
  }

  function deleteSchedule({ name, query }: RouteInput): unknown {
    const groupName = query.get('groupName') ?? DEFAULT_GROUP;
    store.requireSchedule(groupName, name);
    store.deleteSchedule(groupName, name);
    store.persist();
    return {};
  }

  function listSchedules({ query, scheduleArn }: RouteInput): unknown {
    const group = query.get('ScheduleGroup') ?? undefined;
    const prefix = query.get('NamePrefix') ?? '';
    const state = query.get('State') ?? undefined;
    if (state !== undefined && state !== 'ENABLED' && state !== 'DISABLED') {
      throw validationException(`Invalid State: ${state}`);
    }
    const matching = [...store.schedules.values()]
      .filter((schedule) => group === undefined || schedule.GroupName === group)
      .filter((schedule) => schedule.Name.startsWith(prefix))
      .filter((schedule) => state === undefined || schedule.State === state)
      .sort((a, b) => scheduleKey(a.GroupName, a.Name).localeCompare(scheduleKey(b.GroupName, b.Name)));
    const { items, nextToken } = listPage(matching, query);
    return {
      Schedules: items.map((schedule) => ({
        Arn: scheduleArn(schedule),
        Name: schedule.Name,
        GroupName: schedule.GroupName,
        State: schedule.State,
        CreationDate: schedule.CreationDate,
        LastModificationDate: schedule.LastModificationDate,
        Target: { Arn: schedule.Target.Arn },
      })),
      NextToken: nextToken,
    };
  }

  function createGroup({ name, body, groupArn }: RouteInput): unknown {
    const input = parseInput(groupBodySchema, body);
    if (store.groups.has(name)) {
      throw new AwsError('ConflictException', `Schedule group ${name} already exists.`, 409);
    }
    const now = nowMs() / 1000;
    const group: StoredGroup = { Name: name, CreationDate: now, LastModificationDate: now, Tags: input.Tags };
    store.groups.set(name, group);
    store.persist();
    return { ScheduleGroupArn: groupArn(group) };
  }

  function getGroup({ name, groupArn }: RouteInput): unknown {
    return groupSummary(store.requireGroup(name), groupArn);
  }

  function deleteGroup({ name }: RouteInput): unknown {
    store.requireGroup(name);
    if (name === DEFAULT_GROUP) throw validationException('The default schedule group cannot be deleted.');
    // AWS deletes a group's schedules with it.
    for (const schedule of [...store.schedules.values()]) {
      if (schedule.GroupName === name) store.deleteSchedule(name, schedule.Name);
    }
    store.groups.delete(name);
    store.persist();
    return {};
  }

  function listGroups({ query, groupArn }: RouteInput): unknown {
    const prefix = query.get('NamePrefix') ?? '';
    const matching = [...store.groups.values()]
      .filter((group) => group.Name.startsWith(prefix))
      .sort((a, b) => a.Name.localeCompare(b.Name));
    const { items, nextToken } = listPage(matching, query);
    return { ScheduleGroups: items.map((group) => groupSummary(group, groupArn)), NextToken: nextToken };
  }

  return ({ method, path, query }, body, region) => {
    const [collection = '', name, extra] = path;
    const unknownOperation = () =>
      new AwsError('UnknownOperationException', `No operation for ${method} /${path.join('/')}`, 404);
    if (extra !== undefined) throw unknownOperation();
    // Checked before the method is matched: a bad group name is a ValidationException whatever the method.
    if (collection === 'schedule-groups' && name !== undefined) checkName(name, 'Name');
    const route = routes.get(routeKey(method, collection, name !== undefined));
    if (route === undefined) throw unknownOperation();
    const arnBase = `arn:aws:scheduler:${region}:${LOCAL_ACCOUNT_ID}`;
    return route({
      name: name ?? '',
      query,
      body,
      scheduleArn: (schedule) => `${arnBase}:schedule/${schedule.GroupName}/${schedule.Name}`,
      groupArn: (group) => `${arnBase}:schedule-group/${group.Name}`,
    });
  };
}

/** Unambiguous whatever a decoded path segment contains (it may hold spaces or slashes). */
function routeKey(method: string, collection: string, named: boolean): string {
  return JSON.stringify([method, collection, named]);
}

function groupSummary(group: StoredGroup, groupArn: (group: StoredGroup) => string): unknown {
  return {
    Arn: groupArn(group),
    Name: group.Name,
    State: 'ACTIVE',
    CreationDate: group.CreationDate,
    LastModificationDate: group.LastModificationDate,
  };
}

function listPage<T>(items: T[], query: URLSearchParams): Page<T> {
  const maxText = query.get('MaxResults');
  const max = maxText === null ? 100 : Number(maxText);
  if (!Number.isInteger(max) || max < 1 || max > 1000)
    throw validationException('MaxResults must be 1 to 1000');
  return pageByOffset(items, max, query.get('NextToken') ?? undefined, () =>
    validationException('Invalid NextToken'),
  );
}
