/**
 * Setting and removing automatic alert rules (REC-5), for oneself or, as an admin, for anyone in the
 * school, and clearing a person's dashboard alerts between dates. Each change is audited. Every check
 * happens before the one write, so a refusal changes nothing:
 * - the person must be an active member of this school;
 * - the target must exist here (category, pupil, or class/group);
 * - a category rule needs the person's user group to let them view incidents in that category;
 * - with class restrictions on, a pupil or class rule needs the person's classes to reach that pupil or
 *   class: an alert opens the incident, so a rule must not reach a pupil they may not see. Setting one's
 *   own rule, such a pupil or class is answered exactly as one that does not exist, so the refusal
 *   reveals nothing. (Delivery checks again, since classes and groups change after a rule is set:
 *   auto-alert-matching.ts.)
 */
import { authorisation, buildAccessProfile, type AccessProfile } from '../access/authorisation';
import type { ClassGroup } from '../access/class-group';
import type { SchoolSettings } from '../access/school-settings';
import type { UserGroup } from '../access/user-group';
import { AdminInvalidFieldError, AdminNotFoundError } from '../admin/admin-errors';
import type { AuditLog } from '../audit/audit-log';
import type { AuditActor } from '../audit/audit-event';
import type { Category } from '../categories/category';
import type { Membership } from '../identity/identity';
import { displayNameOf, pupilAccessFacts, type Pupil } from '../pupils/pupil';
import type { AlertClearer } from './alert-clearing';
import { mayViewCategories } from './auto-alert-matching';
import type { AutoAlertRuleRepository } from './auto-alert-repository';
import {
  autoAlertRuleId,
  personRulePrefix,
  type AutoAlertRule,
  type AutoAlertTarget,
} from './auto-alert-rule';

export interface AutoAlertDependencies {
  readonly rules: AutoAlertRuleRepository;
  readonly clearer: AlertClearer;
  readonly members: { get(schoolId: string, personId: string): Promise<Membership | undefined> };
  readonly userGroups: { list(schoolId: string): Promise<UserGroup[]> };
  readonly categories: { list(schoolId: string): Promise<Category[]> };
  readonly pupils: { get(schoolId: string, pupilId: string): Promise<Pupil | undefined> };
  readonly classes: { list(schoolId: string): Promise<ClassGroup[]> };
  readonly settings: { get(schoolId: string): Promise<SchoolSettings> };
  readonly audit: AuditLog;
  readonly now: () => Date;
}

export interface AddedRule {
  readonly rule: AutoAlertRule;
  readonly created: boolean;
}

export class AutoAlertService {
  constructor(private readonly deps: AutoAlertDependencies) {}

  private async activeMember(schoolId: string, personId: string): Promise<Membership> {
    const member = await this.deps.members.get(schoolId, personId);
    if (member?.status !== 'active') throw new AdminNotFoundError('active user');
    return member;
  }

  async list(schoolId: string, personId: string): Promise<AutoAlertRule[]> {
    await this.activeMember(schoolId, personId);
    return this.deps.rules.listFor(schoolId, personId);
  }

  async add(actor: AuditActor, personId: string, target: AutoAlertTarget): Promise<AddedRule> {
    const { schoolId } = actor;
    const member = await this.activeMember(schoolId, personId);
    const targetName = await this.checkTarget(schoolId, member, target, actor.personId === personId);
    const rule: AutoAlertRule = {
      ruleId: autoAlertRuleId(personId, target),
      schoolId,
      personId,
      target,
      targetName,
      createdAt: this.deps.now().toISOString(),
      createdBy: { personId: actor.personId, name: actor.actorName },
    };
    const created = await this.deps.rules.put(rule);
    if (!created) {
      const existing = (await this.deps.rules.listFor(schoolId, personId)).find(
        (r) => r.ruleId === rule.ruleId,
      );
      return { rule: existing ?? rule, created: false };
    }
    await this.deps.audit.record(actor, {
      action: 'alert-rule.create',
      resourceType: 'alert-rule',
      resourceId: personId,
      ...(target.kind === 'pupil' ? { pupilId: target.pupilId } : {}),
      detail: `automatic alert by ${target.kind} for ${member.displayName}`,
    });
    return { rule, created: true };
  }

  /** Removes one of the person's rules; a rule of someone else, or none, is 404. */
  async remove(actor: AuditActor, personId: string, ruleId: string): Promise<void> {
    if (!ruleId.startsWith(personRulePrefix(personId))) throw new AdminNotFoundError('automatic alert');
    const removed = await this.deps.rules.delete(actor.schoolId, ruleId);
    if (!removed) throw new AdminNotFoundError('automatic alert');
    await this.deps.audit.record(actor, {
      action: 'alert-rule.delete',
      resourceType: 'alert-rule',
      resourceId: personId,
      ...(removed.target.kind === 'pupil' ? { pupilId: removed.target.pupilId } : {}),
      detail: `automatic alert by ${removed.target.kind}`,
    });
  }

  /** Deletes the person's unread dashboard alerts dated within the range (inclusive). */
  async clearAlerts(actor: AuditActor, personId: string, from: string, to: string): Promise<number> {
    if (from > to) throw new AdminInvalidFieldError('body.to', 'must be on or after the from date');
    const member = await this.deps.members.get(actor.schoolId, personId);
    if (!member) throw new AdminNotFoundError('user');
    const cleared = await this.deps.clearer.clearBetween(actor.schoolId, personId, from, to);
    await this.deps.audit.record(actor, {
      action: 'dashboard.alerts.clear',
      resourceType: 'user',
      resourceId: personId,
      detail: `${cleared} unread alerts dated ${from} to ${to}`,
    });
    return cleared;
  }

  /** What the person could reach with their key: the rule alerts them, whoever sets it. */
  private async profileOf(schoolId: string, member: Membership): Promise<AccessProfile> {
    const [groups, settings] = await Promise.all([
      this.deps.userGroups.list(schoolId),
      this.deps.settings.get(schoolId),
    ]);
    const classGroups = settings.classRestrictionsEnabled ? await this.deps.classes.list(schoolId) : [];
    return buildAccessProfile({
      personId: member.personId,
      schoolId,
      elevated: true,
      group: groups.find((candidate) => candidate.groupId === member.groupId),
      settings,
      classGroups,
    });
  }

  /**
   * The target's name, after checking it exists here and the person may see it. `own`: the person sets
   * it for themselves, so one they may not see is answered as one that does not exist.
   */
  private async checkTarget(
    schoolId: string,
    member: Membership,
    target: AutoAlertTarget,
    own: boolean,
  ): Promise<string> {
    switch (target.kind) {
      case 'category': {
        const [categories, groups] = await Promise.all([
          this.deps.categories.list(schoolId),
          this.deps.userGroups.list(schoolId),
        ]);
        const category = categories.find((c) => c.categoryId === target.categoryId);
        if (!category) {
          throw new AdminInvalidFieldError('body.target.categoryId', 'no such category in this school');
        }
        const byId = new Map(groups.map((group) => [group.groupId, group]));
        if (!mayViewCategories(member, byId, [target.categoryId])) {
          throw new AdminInvalidFieldError(
            'body.target.categoryId',
            "this person's user group does not let them see incidents in this category",
          );
        }
        const parent = categories.find((c) => c.categoryId === category.parentId);
        return parent ? `${parent.name} > ${category.name}` : category.name;
      }
      case 'pupil': {
        const field = 'body.target.pupilId';
        const missing = 'no such pupil in this school';
        const [pupil, profile] = await Promise.all([
          this.deps.pupils.get(schoolId, target.pupilId),
          this.profileOf(schoolId, member),
        ]);
        if (!pupil) throw new AdminInvalidFieldError(field, missing);
        if (!authorisation.withinClasses(profile, pupilAccessFacts(pupil))) {
          throw new AdminInvalidFieldError(
            field,
            own ? missing : 'class restrictions do not let this person see this pupil',
          );
        }
        return displayNameOf(pupil);
      }
      case 'class': {
        const field = 'body.target.classId';
        const missing = 'no such class or group in this school';
        const [classes, profile] = await Promise.all([
          this.deps.classes.list(schoolId),
          this.profileOf(schoolId, member),
        ]);
        const found = classes.find((c) => c.classId === target.classId);
        if (!found) throw new AdminInvalidFieldError(field, missing);
        if (profile.classes.restricted && !profile.classes.visibleClassIds.has(found.classId)) {
          throw new AdminInvalidFieldError(
            field,
            own ? missing : 'class restrictions do not let this person see pupils of this class or group',
          );
        }
        return found.name;
      }
    }
  }
}
