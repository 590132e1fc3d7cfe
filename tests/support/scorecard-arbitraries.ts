import fc from 'fast-check';
import { type DossierStatus, dossierTransitions } from '../../contracts/dossier-status';
import { type ScorecardRules, scorecardRulesSchema } from '../../contracts/scorecard';
import type { ScorecardDossier, ScorecardFeedback } from '../../functions/core/scorecard/scorecard-dossier';

/**
 * Dossiers and feedback as the gateway could know them: statuses move only along the declared
 * transitions, times only forward, and every optional fact is sometimes missing.
 */

export const scorecardUnits = ['000.00.00.H12', '000.00.12.H12', '000.34.12.H12', '000.00.13.H12'] as const;
export const scorecardProcedures = ['1.010708.000.00.00.H12', '1.000001.000.00.00.H12'] as const;

const HOUR_MS = 3_600_000;
const BASE = Date.parse('2025-02-20T08:00:00+07:00');
const iso = (at: number) => new Date(at).toISOString();

const statusWalk = fc
  .tuple(
    fc.constantFrom<DossierStatus>('received', 'received', 'submitted', 'processing'),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 96 })), { maxLength: 6 }),
  )
  .map(([first, steps]) => {
    const walk: { status: DossierStatus; hoursLater: number }[] = [{ status: first, hoursLater: 0 }];
    for (const [choice, hours] of steps) {
      const next = dossierTransitions[walk.at(-1)?.status ?? 'received'];
      if (next.length === 0) break;
      walk.push({ status: next[choice % next.length] as DossierStatus, hoursLater: hours });
    }
    return walk;
  });

const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

let counter = 0;

export const scorecardDossier: fc.Arbitrary<ScorecardDossier> = fc
  .record({
    agencyCode: fc.constantFrom(...scorecardUnits),
    procedureCode: fc.constantFrom(...scorecardProcedures),
    receivedHour: fc.integer({ min: 0, max: 60 * 24 }),
    dueHours: maybe(fc.integer({ min: 1, max: 30 * 24 })),
    walk: statusWalk,
    supplements: maybe(
      fc.array(fc.tuple(fc.integer({ min: 1, max: 200 }), maybe(fc.integer({ min: 1, max: 200 }))), {
        maxLength: 3,
      }),
    ),
    finishedHours: maybe(fc.integer({ min: 1, max: 400 })),
    channel: maybe(fc.constantFrom('counter' as const, 'online' as const, 'post' as const)),
    synced: fc.boolean(),
    results: fc.array(
      fc.record({ resultCode: maybe(fc.constant('KQ')), url: maybe(fc.constant('https://f.vn/k')) }),
      {
        maxLength: 2,
      },
    ),
    documents: fc.array(
      fc.record({
        url: maybe(fc.constant('https://f.vn/d')),
        digitised: maybe(fc.boolean()),
        reuse: maybe(fc.constantFrom(0 as const, 1 as const, 2 as const)),
        fromNationalStore: maybe(fc.boolean()),
      }),
      { maxLength: 3 },
    ),
    hasDigitisedComponent: maybe(fc.boolean()),
    applicant: fc.record({
      type: maybe(fc.constantFrom('citizen' as const, 'business' as const)),
      verifiedWithVNeID: maybe(fc.boolean()),
    }),
    nationalDataSources: fc.array(fc.constantFrom('7', '12'), { maxLength: 2 }),
    fees: fc.array(fc.record({ amount: fc.constantFrom(0, 8000) }), { maxLength: 2 }),
    paidOnline: maybe(fc.constantFrom('national' as const, 'province' as const)),
    procedure: fc.record({
      resultIsPaper: maybe(fc.boolean()),
      chargesFee: maybe(fc.boolean()),
      maxProcessingTime: maybe(
        fc.record({
          value: fc.integer({ min: 1, max: 20 }),
          unit: fc.constantFrom('hour' as const, 'day' as const, 'workingDay' as const, 'month' as const),
        }),
      ),
    }),
    feedback: fc.record({ complaints: fc.nat(2), dislikes: fc.nat(2) }),
  })
  .map((facts) => {
    counter += 1;
    const received = BASE + facts.receivedHour * HOUR_MS;
    let at = received;
    const statusHistory = facts.walk.map((step) => {
      at += step.hoursLater * HOUR_MS;
      return { status: step.status, at: iso(at) };
    });
    let requestAt = received;
    const supplements = facts.supplements?.map(([after, took]) => {
      requestAt += after * HOUR_MS;
      const request = {
        requestedAt: iso(requestAt),
        ...(took ? { receivedAt: iso(requestAt + took * HOUR_MS) } : {}),
      };
      requestAt += (took ?? 0) * HOUR_MS;
      return request;
    });
    return {
      dossierCode: `${facts.agencyCode}-250220-${String(counter).padStart(5, '0')}`,
      agencyCode: facts.agencyCode,
      procedureCode: facts.procedureCode,
      channel: facts.channel,
      receivedAt: iso(received),
      ...(facts.dueHours ? { dueAt: iso(received + facts.dueHours * HOUR_MS) } : {}),
      statusHistory,
      ...(supplements ? { supplements } : {}),
      ...(facts.finishedHours ? { finishedAt: iso(received + facts.finishedHours * HOUR_MS) } : {}),
      results: facts.results,
      documents: facts.documents,
      hasDigitisedComponent: facts.hasDigitisedComponent,
      applicant: facts.applicant,
      nationalDataSources: facts.nationalDataSources,
      fees: facts.fees,
      paidOnline: facts.paidOnline,
      ...(facts.synced ? { syncedAt: iso(received + HOUR_MS) } : {}),
      procedure: facts.procedure,
      feedback: facts.feedback,
    } satisfies ScorecardDossier;
  });

export const scorecardFeedback: fc.Arbitrary<ScorecardFeedback> = fc
  .record({
    agencyCode: fc.constantFrom(...scorecardUnits),
    sentHour: fc.integer({ min: 0, max: 60 * 24 }),
    forwardedHours: maybe(fc.integer({ min: 1, max: 100 })),
    receivedHours: maybe(fc.integer({ min: 0, max: 100 })),
    outcome: fc.constantFrom('open', 'refused', 'askedMore', 'answered', 'published'),
    outcomeHours: fc.integer({ min: 1, max: 800 }),
    publishHours: fc.integer({ min: 1, max: 200 }),
    likes: fc.nat(3),
    dislikes: fc.nat(3),
    followUpComplaint: fc.boolean(),
    classification: maybe(
      fc.constantFrom('policyOrProcedure' as const, 'officerConduct' as const, 'other' as const),
    ),
  })
  .map((facts) => {
    counter += 1;
    const sent = BASE + facts.sentHour * HOUR_MS;
    const outcomeAt = iso(sent + facts.outcomeHours * HOUR_MS);
    return {
      feedbackId: `pakn-${counter}`,
      agencyCode: facts.agencyCode,
      sentAt: iso(sent),
      ...(facts.forwardedHours ? { forwardedAt: iso(sent + facts.forwardedHours * HOUR_MS) } : {}),
      ...(facts.receivedHours !== undefined ? { receivedAt: iso(sent + facts.receivedHours * HOUR_MS) } : {}),
      ...(facts.outcome === 'refused' ? { refusedAt: outcomeAt } : {}),
      ...(facts.outcome === 'askedMore' ? { supplementRequestedAt: outcomeAt } : {}),
      ...(facts.outcome === 'answered' || facts.outcome === 'published' ? { answeredAt: outcomeAt } : {}),
      ...(facts.outcome === 'published'
        ? { publishedAt: iso(sent + (facts.outcomeHours + facts.publishHours) * HOUR_MS) }
        : {}),
      likes: facts.likes,
      dislikes: facts.dislikes,
      followUpComplaint: facts.followUpComplaint,
      classification: facts.classification,
    } satisfies ScorecardFeedback;
  });

/** Any combination of the configurable readings of the sheet. */
export const scorecardRules: fc.Arbitrary<ScorecardRules> = fc
  .record({
    onTime: fc.record({
      population: fc.constantFrom('processedInPeriod', 'receivedInPeriod'),
      endOfProcessing: fc.constantFrom('syncedFieldFirst', 'statusHistory'),
      dueDate: fc.constantFrom('latest', 'inForceAtEnd'),
      compareBy: fc.constantFrom('instant', 'day'),
      early: fc.constantFrom('beforeDueDay', 'beforeDueWorkingDay'),
      repeatedSupplement: fc.constantFrom('alwaysLate', 'lateWhileAwaitingCitizen'),
      supplementTime: fc.constantFrom('elapsed', 'workingDays'),
      withoutDeadline: fc.constantFrom('late', 'onTime', 'excluded'),
    }),
    online: fc.record({
      multiplyBySyncRate: fc.boolean(),
      electronicResultWhileOpen: fc.constantFrom('required', 'notRequired'),
    }),
    results: fc.record({
      periodBy: fc.constantFrom('receivedAt', 'endOfProcessing'),
      excludeClosedWithoutResult: fc.boolean(),
    }),
    satisfaction: fc.record({ combine: fc.constantFrom('sumOfRates', 'eachDossierOnce') }),
    feedback: fc.record({ publication: fc.constantFrom('apply', 'skip') }),
  })
  .map((overrides) => scorecardRulesSchema.parse(overrides));

/** A period of whole days inside the generated dossiers' months. */
export const scorecardPeriod = fc
  .tuple(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 40 }))
  .map(([start, length]) => {
    const day = (offset: number) =>
      new Date(Date.parse('2025-02-15T00:00:00Z') + offset * 86_400_000).toISOString().slice(0, 10);
    return { from: day(start), to: day(start + length) };
  });

/** What a scorecard is computed from: dossiers and feedback of the generated units, rules and a period. */
export const scorecardInputs = (most: { readonly dossiers: number; readonly feedback: number }) =>
  fc.record({
    dossiers: fc.array(scorecardDossier, { maxLength: most.dossiers }),
    feedback: fc.array(scorecardFeedback, { maxLength: most.feedback }),
    rules: scorecardRules,
    period: scorecardPeriod,
  });
