// Matchers for aws-sdk-client-mock (toHaveReceivedCommandWith, …) in every tier.
import 'aws-sdk-client-mock-jest';

// Tests exercise error paths on purpose; keep Powertools' JSON log lines out of the test report.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
