// The ARNs the Step Functions stand-in issues and accepts, and the role executions report running as.
import { AwsError } from '../http/aws-errors';
import { LOCAL_ACCOUNT_ID } from '../local-account';

export const EXECUTION_ROLE_ARN = `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/lantern-local-stepfunctions`;

export function stateMachineArn(region: string, name: string): string {
  return `arn:aws:states:${region}:${LOCAL_ACCOUNT_ID}:stateMachine:${name}`;
}

export function executionArn(region: string, machineName: string, name: string): string {
  return `arn:aws:states:${region}:${LOCAL_ACCOUNT_ID}:execution:${machineName}:${name}`;
}

/** Refuses a malformed ARN with InvalidArn, which AWS answers before looking anything up. */
export function checkArn(arn: string, resource: 'stateMachine' | 'execution'): void {
  const pattern =
    resource === 'stateMachine'
      ? /^arn:aws[\w-]*:states:[^:]+:\d{12}:stateMachine:[^:]+$/
      : /^arn:aws[\w-]*:states:[^:]+:\d{12}:execution:[^:]+:[^:]+$/;
  if (!pattern.test(arn)) throw new AwsError('InvalidArn', `Invalid Arn: '${arn}'`);
}
