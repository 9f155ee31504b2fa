/**
 * The SES domain identity Lantern sends mail as (Easy DKIM, 2048-bit keys), with the one grant the
 * API needs: send, only as the configured From address. The DKIM CNAMEs are stack outputs so the
 * operator can publish them.
 */
import { CfnOutput, Stack } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { DkimIdentity, EasyDkimSigningKeyLength, EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Construct, type IConstruct } from 'constructs';

export interface MailIdentityProps {
  readonly domain: string;
  readonly fromAddress: string;
}

export class MailIdentity extends Construct {
  readonly identity: EmailIdentity;
  private readonly fromAddress: string;

  constructor(scope: Construct, id: string, props: MailIdentityProps) {
    super(scope, id);
    this.fromAddress = props.fromAddress;
    this.identity = new EmailIdentity(this, 'Identity', {
      identity: Identity.domain(props.domain),
      dkimIdentity: DkimIdentity.easyDkim(EasyDkimSigningKeyLength.RSA_2048_BIT),
    });

    this.identity.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `DkimRecord${index + 1}`, {
        description: `DKIM CNAME ${index + 1} to publish in DNS for ${props.domain}`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });
  }

  /** SES send (v1 and v2 APIs share these actions), restricted to this identity and From address. */
  grantSend(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      sendStatement(this.identity.emailIdentityArn, this.fromAddress),
    );
  }
}

function sendStatement(identityArn: string, fromAddress: string): PolicyStatement {
  return new PolicyStatement({
    actions: ['ses:SendEmail', 'ses:SendRawEmail'],
    resources: [identityArn],
    conditions: { StringEquals: { 'ses:FromAddress': fromAddress } },
  });
}

/**
 * The same grant for a function in a stack the identity's (Api) stack depends on, such as a workflow
 * task: the identity is named by its ARN, so no reference runs back from that stack to the Api stack.
 */
export function grantSendAsDomain(
  grantee: IGrantable & IConstruct,
  domain: string,
  fromAddress: string,
): void {
  const stack = Stack.of(grantee);
  const identityArn = stack.formatArn({ service: 'ses', resource: 'identity', resourceName: domain });
  grantee.grantPrincipal.addToPrincipalPolicy(sendStatement(identityArn, fromAddress));
}
