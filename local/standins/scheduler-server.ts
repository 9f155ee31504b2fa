/**
 * Local EventBridge Scheduler stand-in: a REST-JSON endpoint for @aws-sdk/client-scheduler that keeps
 * schedules (in `<dataDir>/schedules.json` when given) and fires due ones through a callback.
 */
import { startAwsJsonServer } from './http/aws-json-server';
import { restJsonProtocol, restRequest } from './http/rest-json-protocol';
import { signingRegion } from './http/signing-region';
import { startScheduleRunner } from './scheduler/schedule-runner';
import { ScheduleStore } from './scheduler/schedule-store';
import { createSchedulerRoutes } from './scheduler/scheduler-routes';
import type { InvokeTarget } from './scheduler/target-invoker';

export type { ScheduleTarget } from './scheduler/target-invoker';

export interface SchedulerServerOptions {
  port: number;
  dataDir?: string;
  invokeTarget: InvokeTarget;
  clock?: { now(): Date };
  /** How often due schedules are fired, in ms (default 1000); 0 or less turns the timer off. */
  tickMs?: number;
}

export interface SchedulerServer {
  url: string;
  close(): Promise<void>;
  /** Fires every due schedule now and returns how many fired (tests). */
  runDue(): Promise<number>;
}

export async function startSchedulerServer(options: SchedulerServerOptions): Promise<SchedulerServer> {
  const nowMs = () => (options.clock?.now() ?? new Date()).getTime();
  const store = ScheduleStore.open(options.dataDir, nowMs());
  const runner = startScheduleRunner({
    store,
    invokeTarget: options.invokeTarget,
    nowMs,
    tickMs: options.tickMs ?? 1000,
  });
  const routes = createSchedulerRoutes(store, nowMs);
  const endpoint = await startAwsJsonServer({
    port: options.port,
    logLabel: 'scheduler-standin',
    protocol: restJsonProtocol,
    route(request) {
      const rest = restRequest(request);
      return (body) => routes(rest, body, signingRegion(request));
    },
  });
  return {
    url: endpoint.url,
    runDue: runner.runDue,
    close: async () => {
      await runner.stop();
      await endpoint.close();
    },
  };
}
