/** Wires the automatic alert service (rules and clearing alerts) from the API context. */
import { CategoryRepository } from '../categories/category-repository';
import type { ApiContext } from '../platform/api-context';
import { PupilRepository } from '../pupils/pupil-repository';
import { AlertClearer } from './alert-clearing';
import { AutoAlertRuleRepository } from './auto-alert-repository';
import { AutoAlertService } from './auto-alert-service';

export function autoAlertService(context: ApiContext, now: () => Date = () => new Date()): AutoAlertService {
  const { clients, environment, identity, access } = context;
  const tableName = environment.TABLE_NAME;
  return new AutoAlertService({
    rules: new AutoAlertRuleRepository(clients.dynamo, tableName),
    clearer: new AlertClearer(clients.dynamo, tableName),
    members: identity.memberships,
    userGroups: access.groups,
    categories: new CategoryRepository(clients.dynamo, tableName),
    pupils: new PupilRepository(clients.dynamo, tableName),
    classes: access.classes,
    settings: access.settings,
    audit: access.audit,
    now,
  });
}
