/**
 * CDK entry point: one stack set per configured region (`-c region=<name>` selects one), checked by
 * cdk-nag's AwsSolutions pack on every synth. Settings live in cdk.json under "lantern:regions".
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadRegionConfigs } from '../lib/config/region-config';
import { buildRegionStacks } from '../lib/infra/region-stacks';

const app = new App();

for (const config of loadRegionConfigs(app)) {
  buildRegionStacks(app, config, {
    account: config.account ?? process.env.CDK_DEFAULT_ACCOUNT,
    region: config.region,
  });
}

// Unacknowledged findings fail the synth; acknowledgements sit beside the constructs they concern.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
