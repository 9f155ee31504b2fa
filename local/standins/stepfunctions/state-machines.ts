// The configured state machines, prepared once at start-up and looked up by ARN or by name.
import type { StateMachine } from 'aws-local-stepfunctions';
import { AwsError } from '../http/aws-errors';
import { prepareDefinition, type TaskSpec } from './asl-preparation';
import { checkArn, stateMachineArn } from './sfn-arns';

export interface RegisteredStateMachine {
  name: string;
  arn: string;
  /** As configured, for DescribeStateMachine. */
  definitionText: string;
  machine: StateMachine;
  tasks: Map<string, TaskSpec>;
  waitStates: Set<string>;
  creationDate: Date;
}

export class StateMachineCatalog {
  private readonly machines = new Map<string, RegisteredStateMachine>();

  constructor(
    definitions: { name: string; definition: string }[],
    private readonly region: string,
  ) {
    for (const { name, definition } of definitions) {
      const arn = stateMachineArn(region, name);
      if (this.machines.has(arn)) {
        throw new Error(`Step Functions stand-in: state machine '${name}' is defined twice`);
      }
      const { machine, tasks, waitStates } = prepareDefinition(name, definition, region);
      this.machines.set(arn, {
        name,
        arn,
        definitionText: definition,
        machine,
        tasks,
        waitStates,
        creationDate: new Date(),
      });
    }
  }

  /** The ARN of a configured machine; a name that is not configured is a programming error. */
  arnFor(name: string): string {
    const arn = stateMachineArn(this.region, name);
    if (!this.machines.has(arn)) throw new Error(`Step Functions stand-in: no state machine named '${name}'`);
    return arn;
  }

  find(arn: string): RegisteredStateMachine {
    checkArn(arn, 'stateMachine');
    const machine = this.machines.get(arn);
    if (!machine) throw new AwsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  /** Sorted by name, as ListStateMachines returns them. */
  all(): RegisteredStateMachine[] {
    return [...this.machines.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
