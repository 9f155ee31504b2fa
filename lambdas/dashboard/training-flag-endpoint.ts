/** Whether training mode is on (lib/training/training-api.ts), for every signed-in page's banner. */
import { staffPrincipal } from '../../lib/platform/http/access';
import { implement, type BoundEndpoint } from '../../lib/platform/http/endpoint';
import { getTrainingMode } from '../../lib/training/training-api';
import type { TrainingService } from '../../lib/training/training-service';

export function trainingFlagEndpoint(service: TrainingService): BoundEndpoint {
  return implement(getTrainingMode, async (request) => ({
    body: { trainingMode: await service.isOn(staffPrincipal(request.principal).schoolId) },
  }));
}
