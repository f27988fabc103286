import type { RemovalPolicy } from 'aws-cdk-lib';
import { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE_KEYS, type TableKeys } from '../../lambdas/common';
import { TABLE_DEFAULTS } from '../defaults';

export interface CulpritTablesProps {
  readonly removalPolicy: RemovalPolicy;
}

/** The four tables; key names come from lambdas/common/table-schema.ts, which the handlers read too. */
export class CulpritTables extends Construct {
  readonly minerState: Table;
  readonly templateCounts: Table;
  readonly deploys: Table;
  readonly incidents: Table;

  constructor(scope: Construct, id: string, props: CulpritTablesProps) {
    super(scope, id);
    this.minerState = this.table('MinerState', TABLE_KEYS.minerState, props.removalPolicy);
    this.templateCounts = this.table('TemplateCounts', TABLE_KEYS.templateCounts, props.removalPolicy);
    this.deploys = this.table('Deploys', TABLE_KEYS.deploys, props.removalPolicy);
    this.incidents = this.table('Incidents', TABLE_KEYS.incidents, props.removalPolicy);
  }

  private table(id: string, keys: TableKeys, removalPolicy: RemovalPolicy): Table {
    return new Table(this, id, {
      partitionKey: { name: keys.partitionKey, type: TABLE_DEFAULTS.keyType },
      sortKey: { name: keys.sortKey, type: TABLE_DEFAULTS.keyType },
      billingMode: TABLE_DEFAULTS.billingMode,
      encryption: TABLE_DEFAULTS.encryption,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: TABLE_DEFAULTS.pointInTimeRecovery },
      removalPolicy,
      ...(keys.ttlAttribute === undefined ? {} : { timeToLiveAttribute: keys.ttlAttribute }),
    });
  }
}
