import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { costPerMillionDossiers, dossierProfile, fixedMonthlyCost, totalCost } from '../infra/aws/cost-model';

/**
 * `npm run cost`: the monthly AWS bill at 1, 10 and 100 million messages, from the cost model
 * (topology x unit prices), with the AWS requests per message the last benchmark measured
 * beside the model's assumptions.
 */
const perMillionDossiers = totalCost(costPerMillionDossiers());
const fixed = totalCost(fixedMonthlyCost());
const usd = (amount: number) =>
  `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

console.log(
  `Model: ${dossierProfile.messagesPerDossier} messages per dossier; ${usd(perMillionDossiers)} per million dossiers + ${usd(fixed)} a month fixed.\n`,
);
console.table(
  [1e6, 1e7, 1e8].map((messages) => {
    const dossiers = messages / dossierProfile.messagesPerDossier;
    return {
      'messages a month': messages.toLocaleString('en-US'),
      dossiers: dossiers.toLocaleString('en-US'),
      'monthly cost': usd(fixed + (perMillionDossiers * dossiers) / 1e6),
      'per million messages': usd((fixed + (perMillionDossiers * dossiers) / 1e6) / (messages / 1e6)),
    };
  }),
);

const measuredFile = join(import.meta.dirname, 'results', 'bench.json');
if (existsSync(measuredFile)) {
  const measured = JSON.parse(readFileSync(measuredFile, 'utf8')) as {
    at: string;
    awsRequestsPerAcceptedMessage: Record<string, number>;
    relay: { requestsPerMessage: Record<string, number> };
  };
  // A BatchGetItem or BatchWriteItem is one request but bills every item it carries: the model's
  // read and write units per message do not change with the relay's batching (issue 24).
  console.log(`\nMeasured by npm run bench (${measured.at}), AWS requests per message:`);
  console.table({
    accept: measured.awsRequestsPerAcceptedMessage,
    relay: measured.relay.requestsPerMessage,
  });
} else {
  console.log('\nRun npm run bench to see the measured AWS requests per message beside the model.');
}
