// Matchers for aws-sdk-client-mock (toHaveReceivedCommandWith, …) in every tier.
import 'aws-sdk-client-mock-jest';
