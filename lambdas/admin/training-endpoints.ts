/** Training mode administration (lib/training/training-api.ts), bound for the admin area. */
import { adminProblems } from '../../lib/admin/admin-problems';
import { auditActorOf } from '../../lib/audit/audit-actor';
import { staffPrincipal } from '../../lib/platform/http/access';
import { implement, type BoundEndpoint } from '../../lib/platform/http/endpoint';
import { finishTraining, getTraining, startTraining } from '../../lib/training/training-api';
import type { TrainingService } from '../../lib/training/training-service';

export function trainingEndpoints(service: TrainingService): BoundEndpoint[] {
  return adminProblems([
    implement(getTraining, async (request) => ({
      body: await service.status(staffPrincipal(request.principal).schoolId),
    })),
    implement(startTraining, async (request) => ({
      body: await service.start(auditActorOf(staffPrincipal(request.principal), request)),
    })),
    implement(finishTraining, async (request) => ({
      body: await service.finish(auditActorOf(staffPrincipal(request.principal), request), request.body),
    })),
  ]);
}
