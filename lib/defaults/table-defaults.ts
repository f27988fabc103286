import { AttributeType, BillingMode, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';

/** Settings of every Culprit table. */
export const TABLE_DEFAULTS = {
  /** Traffic follows log volume and incidents, which are spiky; on-demand needs no capacity planning. */
  billingMode: BillingMode.PAY_PER_REQUEST,
  /** Encrypted with the AWS managed key, visible in the template (SSESpecification). */
  encryption: TableEncryption.AWS_MANAGED,
  pointInTimeRecovery: true,
  keyType: AttributeType.STRING,
} as const;
