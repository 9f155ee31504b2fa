/**
 * The one authorisation service. Every feature asks here whether a principal may see a pupil, see
 * an incident, record in a category or use a part of Lantern; the key, category and class rules live
 * in this file and nowhere else. Answers are computed from an AccessProfile loaded once per request.
 */
import type { ClassGroup } from './class-group';
import { classAdmits } from './class-group';
import {
  NO_CATEGORY_ACCESS,
  NON_KEY_SYSTEM_PERMISSIONS,
  nonKeyCategoryPermission,
  type CategoryPermission,
  type SystemPermission,
} from './permissions';
import type { SchoolSettings } from './school-settings';
import type { UserGroup } from './user-group';

export type ClassScope =
  | { readonly restricted: false }
  | {
      readonly restricted: true;
      /** Classes whose pupils this person may see. */
      readonly visibleClassIds: ReadonlySet<string>;
    };

/** What one person may do in one school in one session: their group's grants, narrowed by key and class rules. */
export interface AccessProfile {
  readonly personId: string;
  readonly schoolId: string;
  readonly elevated: boolean;
  readonly groupId: string | undefined;
  readonly groupName: string | undefined;
  /** Effective system permissions: the group's, or the non-key subset of them when not elevated. */
  readonly system: ReadonlySet<SystemPermission>;
  /** Effective per-category permissions, by category id. */
  readonly categories: ReadonlyMap<string, CategoryPermission>;
  /** The group's full system grants, which a key holder gets once elevated. */
  readonly grantedWithKey: ReadonlySet<SystemPermission>;
  /** Whether the group would grant more once elevated: the web app offers "Elevate your access". */
  readonly elevationWouldAdd: boolean;
  readonly classes: ClassScope;
}

export interface AccessInputs {
  readonly personId: string;
  readonly schoolId: string;
  readonly elevated: boolean;
  /** Undefined when the person is in no group (e.g. data from before groups): they may do nothing. */
  readonly group: UserGroup | undefined;
  readonly settings: SchoolSettings;
  /** The school's classes; only read when class restrictions are on. */
  readonly classGroups: readonly ClassGroup[];
}

export function buildAccessProfile(inputs: AccessInputs): AccessProfile {
  const { group, elevated } = inputs;
  const granted = new Set<SystemPermission>(group?.systemPermissions ?? []);
  const system = elevated
    ? granted
    : new Set([...granted].filter((permission) => NON_KEY_SYSTEM_PERMISSIONS.has(permission)));
  const categories = new Map<string, CategoryPermission>();
  for (const [categoryId, permission] of Object.entries(group?.categoryPermissions ?? {})) {
    categories.set(categoryId, elevated ? permission : nonKeyCategoryPermission(permission));
  }
  const elevationWouldAdd =
    !elevated &&
    (granted.size > system.size ||
      Object.values(group?.categoryPermissions ?? {}).some(
        (permission) => permission.viewIncidents || permission.viewStudents,
      ));
  const classes: ClassScope = inputs.settings.classRestrictionsEnabled
    ? {
        restricted: true,
        visibleClassIds: new Set(
          inputs.classGroups
            .filter((classGroup) => classAdmits(classGroup.access, inputs.personId, group?.groupId))
            .map((classGroup) => classGroup.classId),
        ),
      }
    : { restricted: false };
  return {
    personId: inputs.personId,
    schoolId: inputs.schoolId,
    elevated,
    groupId: group?.groupId,
    groupName: group?.name,
    system,
    categories,
    grantedWithKey: granted,
    elevationWouldAdd,
    classes,
  };
}

/** The facts about a pupil that decide who may see them. */
export interface PupilAccessFacts {
  readonly schoolId: string;
  /** Tutor and year groups the pupil is in now (empty for pupils with no group, e.g. archived). */
  readonly classIds: readonly string[];
}

/** The facts about one pupil's copy of an incident (each linked pupil's copy has its own categories). */
export interface IncidentAccessFacts {
  readonly pupil: PupilAccessFacts;
  readonly categoryIds: readonly string[];
  /** The viewer was alerted to this incident and has not yet marked it read (REC-5). */
  readonly unreadAlertForViewer?: boolean;
}

function categoryPermission(profile: AccessProfile, categoryId: string): CategoryPermission {
  return profile.categories.get(categoryId) ?? NO_CATEGORY_ACCESS;
}

export const authorisation = {
  /** May use this part of Lantern (system permission, after the key rule). */
  mayDo(profile: AccessProfile, permission: SystemPermission): boolean {
    return profile.system.has(permission);
  },

  /** Would be allowed this once elevated: the refusal can say "elevate" rather than "not allowed". */
  mayDoOnceElevated(profile: AccessProfile, permission: SystemPermission): boolean {
    return !profile.elevated && profile.grantedWithKey.has(permission);
  },

  /** May open this pupil's profile: student details, same school, and (when on) the class rule. */
  maySeePupil(profile: AccessProfile, pupil: PupilAccessFacts): boolean {
    if (pupil.schoolId !== profile.schoolId) return false;
    if (!profile.system.has('students.details')) return false;
    return withinClassScope(profile, pupil);
  },

  /**
   * May open every pupil of the school (student details, class restrictions off): whether one pupil is
   * visible then depends on nothing in their record, so a read can be audited before the record arrives.
   */
  maySeeEveryPupil(profile: AccessProfile): boolean {
    return profile.system.has('students.details') && !profile.classes.restricted;
  },

  /** May find this pupil in lists and search (the pupil list permission plus the same class rule). */
  mayListPupil(profile: AccessProfile, pupil: PupilAccessFacts): boolean {
    if (pupil.schoolId !== profile.schoolId) return false;
    if (!profile.system.has('students.list')) return false;
    return withinClassScope(profile, pupil);
  },

  /**
   * May read this pupil's audit report: the audit permission and (when on) the same class rule, so a
   * restricted auditor learns nothing of the activity on a pupil outside their classes.
   */
  mayAuditPupil(profile: AccessProfile, pupil: PupilAccessFacts): boolean {
    if (pupil.schoolId !== profile.schoolId) return false;
    if (!profile.system.has('audit.view')) return false;
    return withinClassScope(profile, pupil);
  },

  /**
   * May read this pupil's copy of an incident: either alerted to it and not yet marked read, or able
   * to see the pupil and to view incidents in every one of its categories. An incident in a category
   * the viewer cannot see stays hidden even if its other categories are open to them.
   */
  maySeeIncident(profile: AccessProfile, incident: IncidentAccessFacts): boolean {
    if (incident.pupil.schoolId !== profile.schoolId) return false;
    if (incident.unreadAlertForViewer === true) return true;
    if (!authorisation.maySeePupil(profile, incident.pupil)) return false;
    if (incident.categoryIds.length === 0) return false;
    return incident.categoryIds.every((categoryId) => categoryPermission(profile, categoryId).viewIncidents);
  },

  /**
   * Whether class restrictions (when on) let this person reach the pupil, whatever else they may do:
   * for automatic alerts (REC-5), which staff without pupil records receive too. An alert opens the
   * incident, so a rule must not reach a pupil outside the person's classes.
   */
  withinClasses(profile: AccessProfile, pupil: PupilAccessFacts): boolean {
    return pupil.schoolId === profile.schoolId && withinClassScope(profile, pupil);
  },

  /** May record an incident in every one of these categories (needs a key only if the group says so). */
  mayAddIncident(profile: AccessProfile, categoryIds: readonly string[]): boolean {
    if (!profile.system.has('incidents.add') || categoryIds.length === 0) return false;
    return categoryIds.every((categoryId) => categoryPermission(profile, categoryId).addIncidents);
  },

  /** May see which pupils are monitored for this category. */
  maySeeMonitoring(profile: AccessProfile, categoryId: string): boolean {
    return profile.system.has('students.list') && categoryPermission(profile, categoryId).viewStudents;
  },

  /** Category ids whose incidents this profile may view: lets a chronology query filter in one pass. */
  viewableCategoryIds(profile: AccessProfile): ReadonlySet<string> {
    return new Set(
      [...profile.categories].filter(([, permission]) => permission.viewIncidents).map(([id]) => id),
    );
  },
};

function withinClassScope(profile: AccessProfile, pupil: PupilAccessFacts): boolean {
  if (!profile.classes.restricted) return true;
  if (pupil.classIds.length === 0) return profile.system.has('students.withoutClass');
  const visible = profile.classes.visibleClassIds;
  return pupil.classIds.some((classId) => visible.has(classId));
}
