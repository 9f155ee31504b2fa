/** Provisioning and listing of schools (operator work); knows nothing of HTTP. */
import { randomUUID } from 'node:crypto';
import type { Page } from '../data/page-cursor';
import { CreateSchoolInputSchema, type CreateSchoolInput, type School } from './school';
import type { SchoolRepository } from './school-repository';
import { DEFAULT_USER_GROUPS, newUserGroup } from '../access/user-group';
import { UserGroupRepository } from '../access/user-group-repository';

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
    const groups = DEFAULT_USER_GROUPS.map((group) =>
      newUserGroup(school.schoolId, group.settings, timestamp),
    );
    await this.repository.create(school, UserGroupRepository.itemsFor(groups));
    return school;
  }

  get(schoolId: string): Promise<School | undefined> {
    return this.repository.get(schoolId);
  }

  list(limit: number, cursor?: string): Promise<Page<School>> {
    return this.repository.list(limit, cursor);
  }
}
