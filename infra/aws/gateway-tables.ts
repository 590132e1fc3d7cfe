import type { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { keyAttributeType, type TableSpec } from '../../functions/adapters/dynamodb/gateway-table';

export interface GatewayTable {
  readonly spec: TableSpec;
  readonly table: Table;
}

/** The design's key attribute type ('S') as CDK spells it. */
const keyType = { S: AttributeType.STRING }[keyAttributeType];

interface TableOptions {
  readonly resourcePrefix: string;
  readonly encryptionKey: IKey;
  readonly production: boolean;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The topology's tables (the gateway's is the table design the DynamoDB adapters read,
 * functions/adapters/dynamodb/gateway-table.ts): on demand, point-in-time recovery, TTL,
 * encrypted with the data key.
 */
export function createGatewayTables(
  scope: Construct,
  specs: readonly TableSpec[],
  options: TableOptions,
): ReadonlyMap<string, GatewayTable> {
  return new Map(
    specs.map((spec) => {
      const table = new Table(scope, `Table:${spec.name}`, {
        tableName: `${options.resourcePrefix}-${spec.name}`,
        // The same key attributes the local runtime creates (infra/local/provision.ts).
        partitionKey: { name: spec.partitionKey, type: keyType },
        sortKey: { name: spec.sortKey, type: keyType },
        billingMode: BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        timeToLiveAttribute: spec.ttlAttribute,
        encryption: TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: options.encryptionKey,
        deletionProtection: options.production,
        removalPolicy: options.removalPolicy,
      });
      for (const index of spec.indexes) {
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: { name: index.partitionKey, type: keyType },
          sortKey: { name: index.sortKey, type: keyType },
          projectionType: ProjectionType.ALL,
        });
      }
      return [spec.name, { spec, table }] as const;
    }),
  );
}
