/**
 * Applies an extract's tutor and year groups to the school's classes: matched by the MIS's id, else a
 * class an admin made by hand with the same kind and name is adopted (keeping its access list), else
 * a new class is made, awaiting access (Admin > Classes shows it; with class restrictions on, the
 * dashboard tells admins). Classes the MIS stops listing are kept: their access lists are the school's.
 */
import type { ClassGroupRepository } from '../access/access-repositories';
import type { ClassGroup } from '../access/class-group';
import { StaleItemError } from '../data/school-collection';
import type { MisGroup } from './mis-extract';
import { classIdFor } from './pupil-plan';

export interface ClassImportResult {
  readonly classIdByGroup: ReadonlyMap<string, string>;
  readonly added: readonly ClassGroup[];
  readonly renamed: number;
  readonly itemsWritten: number;
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export async function applyClasses(
  classes: ClassGroupRepository,
  schoolId: string,
  groups: readonly MisGroup[],
  at: string,
): Promise<ClassImportResult> {
  const existing = await classes.list(schoolId);
  const classIdByGroup = new Map<string, string>();
  const added: ClassGroup[] = [];
  let renamed = 0;
  let itemsWritten = 0;
  const save = async (classGroup: ClassGroup) => {
    try {
      await classes.save(classGroup);
      itemsWritten += 1;
      return true;
    } catch (error) {
      // Made by an earlier run that stopped before finishing, or changed by an admin meanwhile:
      // either way the class exists, and the next run compares again.
      if (error instanceof StaleItemError) return false;
      throw error;
    }
  };
  for (const group of groups) {
    const byMisId = existing.find((classGroup) => classGroup.misId === group.id);
    const adoptable =
      byMisId ??
      existing.find(
        (classGroup) =>
          classGroup.misId === undefined &&
          classGroup.kind === group.kind &&
          sameName(classGroup.name, group.name),
      );
    if (adoptable) {
      classIdByGroup.set(group.id, adoptable.classId);
      if (adoptable.name !== group.name || adoptable.misId !== group.id || adoptable.kind !== group.kind) {
        const changed = {
          ...adoptable,
          name: group.name,
          kind: group.kind,
          misId: group.id,
          updatedAt: at,
          version: adoptable.version + 1,
        };
        if ((await save(changed)) && adoptable.name !== group.name) renamed += 1;
      }
      continue;
    }
    const created: ClassGroup = {
      classId: classIdFor(schoolId, group.id),
      schoolId,
      name: group.name,
      kind: group.kind,
      misId: group.id,
      access: { personIds: [], groupIds: [] },
      awaitingAccess: true,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    classIdByGroup.set(group.id, created.classId);
    if (await save(created)) added.push(created);
  }
  return { classIdByGroup, added, renamed, itemsWritten };
}
