import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayTable } from '../../functions/adapters/dynamodb/gateway-table';
import { createDynamoDbClientRegistry } from '../../functions/adapters/dynamodb-client-registry';
import { authenticateClient } from '../../functions/application/authenticate-client';
import { EMULATOR_CREDENTIALS } from '../../functions/wiring/build-api-dependencies';
import { type RunningServer, startDynamoDbEmulator } from '../../infra/local/emulators';
import { localName, provisionTables } from '../../infra/local/provision';
import { runAdminCommand } from '../../scripts/admin';

/**
 * `npm run admin` against the DynamoDB emulator, with the stack's outputs from a
 * `cdk deploy --outputs-file` file: the first administrator, written by the same use case as the
 * API, authenticates with the secret printed once.
 */
const stack = 'LienThong-H12-test';
const tableName = localName('admin', gatewayTable.name);
let emulator: RunningServer;
let outputsPath: string;

beforeAll(async () => {
  emulator = await startDynamoDbEmulator({ port: 0, dataDir: null });
  const dynamodb = new DynamoDBClient({
    region: 'ap-southeast-1',
    endpoint: emulator.url,
    credentials: EMULATOR_CREDENTIALS,
  });
  await provisionTables(dynamodb, 'admin');
  dynamodb.destroy();
  outputsPath = join(mkdtempSync(join(tmpdir(), 'admin-outputs-')), 'cdk-outputs.json');
  writeFileSync(
    outputsPath,
    JSON.stringify({
      [stack]: {
        GatewayTableName: tableName,
        SecretSealingKeyArn: 'arn:aws:kms:ap-southeast-1:111122223333:key/never-called-for-an-admin',
      },
    }),
  );
});
afterAll(() => emulator.close());

async function admin(...args: string[]): Promise<string[]> {
  const lines: string[] = [];
  await runAdminCommand(
    [...args, '--stack', stack, '--region', 'ap-southeast-1', '--outputs-file', outputsPath],
    {
      dynamodbEndpoint: emulator.url,
      print: (line) => lines.push(line),
    },
  );
  return lines;
}

describe('npm run admin', () => {
  it('bootstraps the first administrator, whose printed secret authenticates with scope admin', async () => {
    const printed = await admin('bootstrap', '--id', 'first-admin');
    const value = (key: string) =>
      printed.find((line) => line.startsWith(`${key}=`))?.slice(key.length + 1) ?? '';
    expect(value('client_id')).toBe('first-admin');
    const documents = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        region: 'ap-southeast-1',
        endpoint: emulator.url,
        credentials: EMULATOR_CREDENTIALS,
      }),
    );
    const client = await authenticateClient(
      createDynamoDbClientRegistry(documents, tableName),
      'first-admin',
      value('client_secret'),
    );
    expect(client.scopes).toEqual(['admin']);
  });

  it('lists the systems without any secret', async () => {
    const listed = await admin('systems', 'list');
    expect(listed).toEqual([expect.stringMatching(/^first-admin\tadmin\tenabled\t-\t/)]);
  });

  it('refuses a second bootstrap, pointing at the API', async () => {
    await expect(admin('bootstrap')).rejects.toThrow(/administrator system exists already \(first-admin\)/);
  });

  it('refuses an unknown command and a stack the outputs do not name', async () => {
    await expect(admin('drop-table')).rejects.toThrow(/usage: npm run admin/);
    await expect(
      runAdminCommand(
        [
          'systems',
          'list',
          '--stack',
          'LienThong-H99-x',
          '--region',
          'ap-southeast-1',
          '--outputs-file',
          outputsPath,
        ],
        {
          print: () => undefined,
        },
      ),
    ).rejects.toThrow(/has no stack LienThong-H99-x/);
  });
});
