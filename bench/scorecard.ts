import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { itemKeys } from '../functions/adapters/dynamodb/gateway-table';
import { createDynamoDbScorecardStore } from '../functions/adapters/dynamodb-scorecard-store';
import { readScorecard } from '../functions/application/read-scorecard';
import { classifyDossier } from '../functions/core/scorecard/classify-dossier';
import { computeScorecard } from '../functions/core/scorecard/compute-scorecard';
import type { ScorecardDossier } from '../functions/core/scorecard/scorecard-dossier';
import { placeVerdicts } from '../functions/core/scorecard/scorecard-placement';
import { loadScorecardRules } from '../functions/wiring/scorecard-rules';
import { loadWorkingCalendar } from '../functions/wiring/working-calendar';
import { startDynamoDbEmulator } from '../infra/local/emulators';
import { localName, provisionTables } from '../infra/local/provision';

/**
 * `npm run bench` (part): one province-month of the QĐ 766 scorecard read from its stored
 * verdicts (ADR 14) against a full Scan of the table, in the same run on the same emulator.
 * BENCH_SCORECARD_DOSSIERS sets the size (default 1,000 over three months; the target
 * is 50,000 in the month with 6 status events each), each dossier with its stored messages so the
 * Scan reads what a real table holds. Read units are DynamoDB's ConsumedCapacity, eventually
 * consistent.
 */
const DOSSIERS = Number(process.env.BENCH_SCORECARD_DOSSIERS ?? 1_000);
const EVENTS_PER_DOSSIER = 6;
const UNITS = ['000.00.12.H12', '000.00.13.H12', '000.31.12.H12', '000.00.14.H12'];
const MONTH = { from: '2025-03-01', to: '2025-03-31' };
const HOUR = 3_600_000;
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** A dossier received at a deterministic hour of February to April, most finished, some late. */
function generated(index: number): ScorecardDossier {
  const agencyCode = UNITS[index % UNITS.length] as string;
  const received = Date.parse('2025-02-01T01:00:00Z') + ((index * 7_919) % (88 * 24)) * HOUR;
  const iso = (at: number) => new Date(at).toISOString();
  const finished = index % 10 !== 0;
  const statusHistory: ScorecardDossier['statusHistory'] = [
    { status: 'received', at: iso(received) },
    { status: 'processing', at: iso(received + HOUR) },
    ...(index % 7 === 0 ? [{ status: 'awaiting_supplement' as const, at: iso(received + 20 * HOUR) }] : []),
    ...(index % 7 === 0 ? [{ status: 'processing' as const, at: iso(received + 44 * HOUR) }] : []),
    ...(finished ? [{ status: 'resolved' as const, at: iso(received + ((index % 9) + 1) * 24 * HOUR) }] : []),
  ];
  return {
    dossierCode: `${agencyCode}-250301-${String(index).padStart(6, '0')}`,
    agencyCode,
    procedureCode: '1.010708.000.00.00.H12',
    channel: index % 3 === 0 ? 'online' : 'counter',
    receivedAt: iso(received),
    dueAt: iso(received + 5 * 24 * HOUR),
    statusHistory,
    documents: [{ url: 'https://files.example.vn/to-khai.pdf', digitised: index % 2 === 0 }],
    results: finished ? [{ resultCode: 'KQ', url: 'https://files.example.vn/kq.pdf' }] : [],
    syncedAt: iso(received + 60_000),
  };
}

/** Sums the read units of every Query and Scan the client sends. */
function meteredClient(endpoint: string) {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: 'ap-southeast-1', endpoint, credentials }),
    {
      marshallOptions: { removeUndefinedValues: true },
    },
  );
  const meter = { readUnits: 0 };
  client.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { ReturnConsumedCapacity?: string };
      input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } }).ConsumedCapacity;
      meter.readUnits += consumed?.CapacityUnits ?? 0;
      return result;
    },
    { step: 'initialize', name: 'meterReadUnits' },
  );
  return { client, meter };
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: Math.round(performance.now() - started) };
}

export async function benchScorecard() {
  const emulator = await startDynamoDbEmulator({ port: 0, dataDir: null });
  try {
    const { client: setup } = meteredClient(emulator.url);
    await provisionTables(
      new DynamoDBClient({ region: 'ap-southeast-1', endpoint: emulator.url, credentials }),
      'bench',
    );
    const TableName = localName('bench', 'gateway');
    const rules = loadScorecardRules();
    const calendar = loadWorkingCalendar();
    const now = new Date('2025-05-15T03:00:00Z');
    const store = createDynamoDbScorecardStore(setup, { tableName: TableName });
    const dossiers = Array.from({ length: DOSSIERS }, (_, index) => generated(index));
    // What the relay writes (the scorecard rows) and what the table holds besides (the messages).
    for (let start = 0; start < dossiers.length; start += 25) {
      const batch = dossiers.slice(start, start + 25);
      await Promise.all(
        batch.map((sheet) =>
          store.save(
            {
              sheet,
              sequence: 1,
              placement: placeVerdicts(classifyDossier(sheet, { asOf: now }, rules, calendar)),
            },
            undefined,
          ),
        ),
      );
      const messages = batch.flatMap((sheet) =>
        Array.from({ length: EVENTS_PER_DOSSIER }, (_, sequence) => ({
          PutRequest: {
            Item: {
              ...itemKeys.message(sheet.dossierCode, 'national', sequence + 1),
              payload: 'x'.repeat(1_500),
            },
          },
        })),
      );
      for (let offset = 0; offset < messages.length; offset += 25) {
        await setup.send(
          new BatchWriteCommand({ RequestItems: { [TableName]: messages.slice(offset, offset + 25) } }),
        );
      }
    }

    const stored = meteredClient(emulator.url);
    const fromRows = await timed(() =>
      readScorecard(
        {
          scorecard: createDynamoDbScorecardStore(stored.client, { tableName: TableName }),
          scorecardRules: rules,
          calendar,
          clock: { now: () => now },
        },
        MONTH,
      ),
    );

    const scanned = meteredClient(emulator.url);
    const fromScan = await timed(async () => {
      const sheets: ScorecardDossier[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await scanned.client.send(new ScanCommand({ TableName, ExclusiveStartKey: startKey }));
        for (const item of page.Items ?? [])
          if (item.sk === 'SCORECARD') sheets.push(item.sheet as ScorecardDossier);
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return computeScorecard({ dossiers: sheets }, { period: MONTH, now }, rules, calendar);
    });

    const same = JSON.stringify(fromRows.value.report) === JSON.stringify(fromScan.value.report);
    if (!same) throw new Error('the stored scorecard and the full scan disagree: the bench measures nothing');
    const onTime = fromRows.value.report.indicators.find((indicator) => indicator.id === '2.1');
    return {
      dossiers: DOSSIERS,
      statusEventsStored: DOSSIERS * EVENTS_PER_DOSSIER,
      month: MONTH,
      onTimeDenominator: onTime?.denominator,
      storedVerdicts: { ms: fromRows.ms, readUnits: Math.round(stored.meter.readUnits * 10) / 10 },
      fullScanBaseline: { ms: fromScan.ms, readUnits: Math.round(scanned.meter.readUnits * 10) / 10 },
      readUnitRatio: Math.round((scanned.meter.readUnits / Math.max(stored.meter.readUnits, 0.5)) * 10) / 10,
    };
  } finally {
    await emulator.close();
  }
}
