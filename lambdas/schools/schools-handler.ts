/** Schools API area (operator only): create, list and read schools. */
import { createApiContext } from '../../lib/platform/api-context';
import { createApiHandler } from '../../lib/platform/http/api-handler';
import { implement } from '../../lib/platform/http/endpoint';
import { problems } from '../../lib/platform/http/problem';
import { DuplicateUrnError, SchoolRepository } from '../../lib/schools/school-repository';
import { SchoolService } from '../../lib/schools/school-service';
import { createSchool, getSchool, listSchools } from '../../lib/schools/schools-api';

const { environment, region, clients, handlerOptions } = createApiContext();
const schools = new SchoolService(new SchoolRepository(clients.dynamo, environment.TABLE_NAME), region);

export const handler = createApiHandler(
  [
    implement(listSchools, async ({ query }) => ({ body: await schools.list(query.limit, query.cursor) })),
    implement(createSchool, async ({ body }) => {
      try {
        return { body: await schools.create(body) };
      } catch (error) {
        if (error instanceof DuplicateUrnError) {
          throw problems.conflict(error.message, [
            { field: 'body.urn', reason: 'already used by another school' },
          ]);
        }
        throw error;
      }
    }),
    implement(getSchool, async ({ params }) => {
      const school = await schools.get(params.schoolId);
      if (!school) throw problems.notFound(`No school ${params.schoolId}.`);
      return { body: school };
    }),
  ],
  handlerOptions,
);
