// Region settings from cdk.json: a wrong or missing setting stops the synth with a message naming it.
import { App, RemovalPolicy } from 'aws-cdk-lib';
import {
  dataProtection,
  loadRegionConfigs,
  parseRegionConfig,
  REGIONS_CONTEXT_KEY,
} from '../../lib/config/region-config';
import { cdkJsonContext } from './infra-app';

const configuredRegions = cdkJsonContext()[REGIONS_CONTEXT_KEY] as Record<string, Record<string, unknown>>;
const [region, settings] = Object.entries(configuredRegions)[0] ?? [];

function appWith(context: Record<string, unknown>): App {
  return new App({ context });
}

describe('region config', () => {
  it('loads every configured region from cdk.json', () => {
    const configs = loadRegionConfigs(appWith(cdkJsonContext()));

    expect(configs.map((config) => config.region)).toEqual(Object.keys(configuredRegions));
    expect(configs[0]).toMatchObject({ region, stage: 'prod', account: null });
  });

  it('selects one region with -c region=<name>', () => {
    const configs = loadRegionConfigs(appWith({ ...cdkJsonContext(), region }));

    expect(configs).toHaveLength(1);
    expect(configs[0]?.region).toBe(region);
  });

  it('names the configured regions when asked for an unknown one', () => {
    const app = appWith({ ...cdkJsonContext(), region: 'xx-nowhere-9' });

    expect(() => loadRegionConfigs(app)).toThrow(
      `Unknown region "xx-nowhere-9": "${REGIONS_CONTEXT_KEY}" in cdk.json configures ${region}`,
    );
  });

  it('says domainName is required when it is missing', () => {
    const { domainName: _omitted, ...withoutDomain } = settings ?? {};

    expect(() => parseRegionConfig('eu-west-2', withoutDomain)).toThrow(
      /Invalid settings for region eu-west-2 .*domainName: is required/,
    );
  });

  it('rejects a certificate outside us-east-1, naming the field', () => {
    const certificateArn =
      'arn:aws:acm:eu-west-2:111111111111:certificate/00000000-0000-0000-0000-000000000000';

    expect(() => parseRegionConfig('eu-west-2', { ...settings, certificateArn })).toThrow(
      /certificateArn: must be an ACM certificate ARN in us-east-1/,
    );
  });

  it('rejects a From address outside the SES identity domain', () => {
    expect(() =>
      parseRegionConfig('eu-west-2', { ...settings, mailFromAddress: 'alerts@elsewhere.example.com' }),
    ).toThrow(/mailFromAddress: must be an address at mailIdentityDomain/);
  });

  it('rejects a log retention CloudWatch does not offer and an unknown setting', () => {
    expect(() => parseRegionConfig('eu-west-2', { ...settings, logRetentionDays: 42 })).toThrow(
      /logRetentionDays: must be one of the periods CloudWatch Logs accepts/,
    );
    expect(() => parseRegionConfig('eu-west-2', { ...settings, domainNmae: 'typo.example.org' })).toThrow(
      /domainNmae/,
    );
  });

  it('rejects a missing regions map with a pointer to cdk.json', () => {
    expect(() => loadRegionConfigs(appWith({}))).toThrow(`cdk.json context "${REGIONS_CONTEXT_KEY}"`);
  });

  it('retains and protects data outside dev only', () => {
    expect(dataProtection({ stage: 'prod' })).toEqual({
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
      autoDeleteObjects: false,
    });
    expect(dataProtection({ stage: 'staging' }).removalPolicy).toBe(RemovalPolicy.RETAIN);
    expect(dataProtection({ stage: 'dev' })).toEqual({
      removalPolicy: RemovalPolicy.DESTROY,
      deletionProtection: false,
      autoDeleteObjects: true,
    });
  });
});
