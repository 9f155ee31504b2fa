/**
 * Every deployable function, with the path prefixes it serves. The Api and Workflow stacks
 * and the local runtime read this one list, so a handler runs locally exactly where it deploys.
 */

export interface ApiArea {
  /** Short id used in construct ids and logs. */
  readonly id: string;
  /** Handler module, relative to the repository root; it must export `handler`. */
  readonly entry: string;
  /**
   * Path prefixes this area answers (each also answers everything beneath it). The area whose
   * prefix is longest wins; paths no area claims go to the catch-all area.
   */
  readonly pathPrefixes: readonly string[];
}

export const API_AREAS: readonly ApiArea[] = [
  {
    id: 'platform',
    entry: 'lambdas/platform/platform-handler.ts',
    pathPrefixes: ['/api/health', '/api/openapi.json'],
  },
  {
    id: 'auth',
    entry: 'lambdas/auth/auth-handler.ts',
    pathPrefixes: ['/api/auth'],
  },
  {
    id: 'schools',
    entry: 'lambdas/schools/schools-handler.ts',
    pathPrefixes: ['/api/operator/schools'],
  },
  {
    id: 'pupils',
    entry: 'lambdas/pupils/pupils-handler.ts',
    pathPrefixes: ['/api/pupils', '/api/monitoring'],
  },
  {
    id: 'admin',
    entry: 'lambdas/admin/admin-handler.ts',
    pathPrefixes: ['/api/admin', '/api/audit', '/api/access'],
  },
  {
    id: 'categories',
    entry: 'lambdas/categories/categories-handler.ts',
    pathPrefixes: ['/api/categories', '/api/agencies', '/api/admin/categories', '/api/admin/agencies'],
  },
  {
    id: 'documents',
    entry: 'lambdas/documents/documents-handler.ts',
    pathPrefixes: ['/api/vault'],
  },
  {
    id: 'dashboard',
    entry: 'lambdas/dashboard/dashboard-handler.ts',
    pathPrefixes: ['/api/dashboard'],
  },
  {
    id: 'mis',
    entry: 'lambdas/mis/mis-handler.ts',
    pathPrefixes: ['/api/mis', '/api/admin/mis/imports', '/api/dashboard/mis-health'],
  },
  {
    id: 'transfers',
    entry: 'lambdas/transfers/transfers-handler.ts',
    pathPrefixes: ['/api/admin/transfers'],
  },
  {
    id: 'incidents',
    entry: 'lambdas/incidents/incidents-handler.ts',
    pathPrefixes: ['/api/incidents', '/api/chronology', '/api/staff'],
  },
];

/** Answers every path no area claims, with a 404 problem+json instead of a gateway error. */
export const CATCH_ALL_AREA_ID = 'platform';

export interface WorkflowTask {
  readonly id: string;
  readonly entry: string;
  /** The `${…}` name the state-machine definitions use for this function's ARN. */
  readonly substitution: string;
  /** Longer than the 60 s default, for a task that works through a whole school (at most 900). */
  readonly timeoutSeconds?: number;
  readonly memoryMb?: number;
  /** Reads or writes the vault and extracts buckets. */
  readonly documents?: boolean;
  /** Starts transfer executions and answers their task tokens. */
  readonly transferControl?: boolean;
}

export const WORKFLOW_TASKS: readonly WorkflowTask[] = [
  {
    id: 'transferStep',
    entry: 'lambdas/transfers/transfer-step-handler.ts',
    substitution: 'TransferStepFunctionArn',
    // The copy step moves a whole chronology and its files (500 incidents and 100 MB in a few minutes).
    timeoutSeconds: 900,
    memoryMb: 1024,
    documents: true,
    transferControl: true,
  },
  {
    id: 'misImport',
    entry: 'lambdas/mis/mis-import-task-handler.ts',
    substitution: 'MisImportFunctionArn',
    // A first import of a large school (2,000 pupils with a term of marks) writes ~100,000 items.
    timeoutSeconds: 900,
    memoryMb: 2048,
    documents: true,
    // After applying an extract it runs the transfer detector, which starts executions.
    transferControl: true,
  },
  {
    id: 'alertOutboxSweep',
    entry: 'lambdas/incidents/alert-outbox-sweep-handler.ts',
    substitution: 'AlertOutboxSweepFunctionArn',
  },
];

/** A task run on a fixed schedule (EventBridge Scheduler on AWS, the Scheduler stand-in locally). */
export interface RecurringSchedule {
  readonly id: string;
  /** The WORKFLOW_TASKS entry it invokes. */
  readonly taskId: string;
  /** EventBridge Scheduler expression. */
  readonly expression: string;
}

/** Tasks that schedules made at run time invoke (nightly imports, "run now"): Scheduler's role may invoke them. */
export const RUNTIME_SCHEDULED_TASKS: readonly string[] = ['misImport'];

export const RECURRING_SCHEDULES: readonly RecurringSchedule[] = [
  // Delivers alerts a request committed but could not send (lib/alerts/alert-sweeper.ts).
  { id: 'alert-outbox-sweep', taskId: 'alertOutboxSweep', expression: 'rate(5 minutes)' },
];

export interface StateMachineDefinition {
  readonly id: string;
  /** ASL (JSONPath) definition file, relative to the repository root. */
  readonly definitionFile: string;
  /** Which environment variable of the API functions carries this machine's ARN. */
  readonly arnVariable: 'TRANSFER_STATE_MACHINE_ARN';
}

export const STATE_MACHINES: readonly StateMachineDefinition[] = [
  {
    id: 'transfer',
    definitionFile: 'statemachines/transfer.asl.json',
    arnVariable: 'TRANSFER_STATE_MACHINE_ARN',
  },
];

/** The area that serves a request path: longest matching prefix, else the catch-all area. */
export function areaForPath(path: string): ApiArea {
  let best: { area: ApiArea; length: number } | undefined;
  for (const area of API_AREAS) {
    for (const prefix of area.pathPrefixes) {
      const matches = path === prefix || path.startsWith(`${prefix}/`);
      if (matches && (!best || prefix.length > best.length)) best = { area, length: prefix.length };
    }
  }
  if (best) return best.area;
  const catchAll = API_AREAS.find((area) => area.id === CATCH_ALL_AREA_ID);
  if (!catchAll) throw new Error(`Catch-all area ${CATCH_ALL_AREA_ID} is not in API_AREAS`);
  return catchAll;
}
