// The deployed CSP lets the browser upload to the vault bucket's own origin and nowhere else new.
import { contentSecurityPolicy } from '../../../lib/config/web-security-headers';
import { buildTestApp, logicalIdOf } from '../infra-app';

describe('Web stack: the CSP and the vault bucket', () => {
  const test = buildTestApp();

  it("adds exactly the vault bucket's regional origin to connect-src, from the Data stack", () => {
    const policies = test.template(test.stacks.web).findResources('AWS::CloudFront::ResponseHeadersPolicy');
    const [policy] = Object.values(policies) as {
      Properties: {
        ResponseHeadersPolicyConfig: {
          SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: unknown } };
        };
      };
    }[];
    const csp = policy!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy
      .ContentSecurityPolicy as { 'Fn::Join': [string, unknown[]] };
    const [before, origin, after] = csp['Fn::Join'][1] as [
      string,
      { 'Fn::GetStackOutput': { OutputName: string; StackName: string } },
      string,
    ];
    const [expectedBefore, expectedAfter] = contentSecurityPolicy('https://BUCKET').split('BUCKET');
    expect(before).toBe(expectedBefore);
    expect(after).toBe(expectedAfter);
    expect(before.endsWith("connect-src 'self' https://")).toBe(true);
    const output = origin['Fn::GetStackOutput'];
    expect(output.StackName).toBe(test.stacks.data.stackName);
    expect(output.OutputName).toContain(`${logicalIdOf(test.stacks.data.vaultBucket)}RegionalDomainName`);
  });

  it("keeps form-action to 'self': uploads are XMLHttpRequests, not form submissions", () => {
    expect(contentSecurityPolicy('https://vault.example')).toContain("form-action 'self'");
    expect(contentSecurityPolicy()).toContain("connect-src 'self';");
  });
});
