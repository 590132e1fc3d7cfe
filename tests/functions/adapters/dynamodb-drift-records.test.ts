import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { itemKeys } from '../../../functions/adapters/dynamodb/gateway-table';
import { createDynamoDbDriftRecords } from '../../../functions/adapters/dynamodb-drift-records';
import { useGatewayTable } from '../../support/dynamodb-table';
import { aDriftFinding } from '../../support/fixtures';

/** What only the DynamoDB drift records do: bounded scan pages, errors passed on (the shared behaviour: tests/functions/ports). */
const table = useGatewayTable();

const codeOf = (serial: number) => `000.00.12.H12-250314-${String(serial).padStart(4, '0')}`;

describe('DynamoDB drift records (dynalite): what only DynamoDB has', () => {
  it('reads no more pages than its bound, however little it found', async () => {
    // More items than pages, none of them a synced dossier: only the bound stops the scan.
    for (const serial of [50, 51, 52, 53, 54]) {
      await table().documents.send(
        new PutCommand({
          TableName: table().tableName,
          Item: { ...itemKeys.deliveryProgress(codeOf(serial), 'national') },
        }),
      );
    }
    const calls: string[] = [];
    const counting = DynamoDBDocumentClient.from(table().emulators.dynamodb);
    counting.middlewareStack.add(
      (next, context) => async (args) => {
        calls.push(context.commandName ?? '');
        return next(args);
      },
      { step: 'initialize' },
    );
    const records = createDynamoDbDriftRecords(counting, { tableName: table().tableName });
    await records.sampleSyncedDossiers({ sampleSize: 100, scanPageSize: 1, maxScanPages: 3 });
    expect(calls.filter((name) => name === 'ScanCommand')).toHaveLength(3);
  });
});

describe('DynamoDB drift records: error paths', () => {
  it('passes on a failure that is not a lost condition', async () => {
    const documentsMock = mockClient(DynamoDBDocumentClient);
    try {
      documentsMock
        .on(PutCommand)
        .rejects(
          Object.assign(new Error('throughput exceeded'), { name: 'ProvisionedThroughputExceededException' }),
        );
      const records = createDynamoDbDriftRecords(DynamoDBDocumentClient.from(new DynamoDBClient({})), {
        tableName: table().tableName,
      });
      await expect(records.saveFinding(aDriftFinding(codeOf(40)))).rejects.toThrow('throughput exceeded');
    } finally {
      documentsMock.restore();
    }
  });
});
