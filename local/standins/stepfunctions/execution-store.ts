// The executions the stand-in has started, by ARN; they live in memory, so a restart forgets them.
import { AwsError } from '../http/aws-errors';
import type { Execution } from './execution';
import { checkArn } from './sfn-arns';

export class ExecutionStore {
  private readonly executions = new Map<string, Execution>();

  add(execution: Execution): void {
    this.executions.set(execution.arn, execution);
  }

  /** The execution with this ARN, if any, without validating the ARN. */
  peek(arn: string): Execution | undefined {
    return this.executions.get(arn);
  }

  find(arn: string): Execution {
    checkArn(arn, 'execution');
    const execution = this.executions.get(arn);
    if (!execution) throw new AwsError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return execution;
  }

  all(): Execution[] {
    return [...this.executions.values()];
  }
}
