/** Provisioning and listing of schools (operator work); knows nothing of HTTP. */
import { randomUUID } from 'node:crypto';
import type { Page } from '../data/page-cursor';
import { CreateSchoolInputSchema, type CreateSchoolInput, type School } from './school';
import type { SchoolRepository } from './school-repository';
import { DEFAULT_USER_GROUPS, newUserGroup } from '../access/user-group';
import { UserGroupRepository } from '../access/user-group-repository';
import { AgencyRepository } from '../categories/agency-repository';
import { CategoryRepository } from '../categories/category-repository';
import { grantInEvery, startingCategories } from '../categories/default-categories';

export class SchoolService {
  constructor(
    private readonly repository: SchoolRepository,
    private readonly region: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Creates a school; a URN already in use raises DuplicateUrnError and changes nothing. */
  async create(input: CreateSchoolInput): Promise<School> {
    const valid = CreateSchoolInputSchema.parse(input);
    const timestamp = this.now().toISOString();
    const school: School = {
      schoolId: randomUUID(),
      ...valid,
      dfeNumber: `${valid.laNumber}${valid.establishmentNumber}`,
      region: this.region,
      createdAt: timestamp,
      updatedAt: timestamp,
      version: 1,
    };
    const { categories, agencies } = startingCategories(school.schoolId, timestamp);
    // Each starting group may do in every starting category what it may do in a new one.
    const groups = DEFAULT_USER_GROUPS.map((group) =>
      newUserGroup(
        school.schoolId,
        {
          ...group.settings,
          categoryPermissions: grantInEvery(categories, group.settings.newCategoryDefault),
        },
        timestamp,
      ),
    );
    await this.repository.create(school, [
      ...UserGroupRepository.itemsFor(groups),
      ...CategoryRepository.itemsFor(categories),
      ...AgencyRepository.itemsFor(agencies),
    ]);
    return school;
  }

  get(schoolId: string): Promise<School | undefined> {
    return this.repository.get(schoolId);
  }

  list(limit: number, cursor?: string): Promise<Page<School>> {
    return this.repository.list(limit, cursor);
  }
}
