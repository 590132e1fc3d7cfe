import * as z from 'zod';
import { agencyCodeSchema, calendarDaySchema, procedureCodeSchema } from './codes';

/**
 * The QĐ 766 scorecard (issue 22; DESIGN.md "Public contract v1.1"; DOMAIN.md "What the
 * national quality indicators read"). Indicator ids and rules follow the public transcription
 * of "Mô tả công thức tính chỉ số 766.docx" (the `formulaDocument` records, cited [766 n.n]);
 * where the sheet is ambiguous the choice is a rule below, recorded in docs/adr/0014.
 */

/** The indicators computable from what passes through the gateway. */
export const scorecardIndicatorIds = [
  '1.4',
  '2.1',
  '2.2',
  '3.3',
  '3.6',
  '4.1',
  '4.2',
  '4.3',
  '4.4',
  '4.5',
  '5.1',
  '5.2',
  '5.3',
  '5.4',
] as const;

export const scorecardIndicatorIdSchema = z.enum(scorecardIndicatorIds);
export type ScorecardIndicatorId = z.infer<typeof scorecardIndicatorIdSchema>;

/** Units the procedure's maximum processing time is given in (DonViTinh) [766 2.2]. */
export const processingTimeUnits = ['hour', 'day', 'workingDay', 'month'] as const;
export const processingTimeUnitSchema = z.enum(processingTimeUnits);
export type ProcessingTimeUnit = z.infer<typeof processingTimeUnitSchema>;

const percentSchema = z.number().gt(0).max(100);

const pointsRuleSchema = z.strictObject({
  /** "Đạt từ X% trở lên sẽ đạt điểm tối đa"; null: the indicator has no points rule. */
  fullMarksAt: percentSchema.nullable(),
  /** "Điểm tối đa". The sheet gives none; 100 reads as "percent of the indicator's full marks". */
  maxScore: z.number().positive().max(100),
});

export type PointsRule = z.infer<typeof pointsRuleSchema>;

/**
 * Every reading of the sheet that is a choice. Defaults are the literal reading unless the ADR
 * says why not; an administrator may override any of them (config file, later the console).
 */
export const scorecardRulesSchema = z.strictObject({
  $comment: z.string().optional(),
  /** Names the readings in force; every report carries it. */
  version: z.string().min(1).default('766-sheet-defaults'),
  onTime: z
    .strictObject({
      /** [766 2.1] "tiếp nhận, xử lý trong kỳ": processing overlapped the period, or received in it. */
      population: z.enum(['processedInPeriod', 'receivedInPeriod']).default('processedInPeriod'),
      /** [766 2.1] reads the synced NgayKetThucXuLy; else the end is taken from the status history. */
      endOfProcessing: z.enum(['syncedFieldFirst', 'statusHistory']).default('syncedFieldFirst'),
      /** [766 2.1] "Ngày hẹn trả trong thông tin hồ sơ đồng bộ": the latest, or the one in force at the end. */
      dueDate: z.enum(['latest', 'inForceAtEnd']).default('latest'),
      /** [766 2.1] compares NgayKetThucXuLy <= NgayHenTra as instants; `day` compares calendar days. */
      compareBy: z.enum(['instant', 'day']).default('instant'),
      /** "trước hạn" is not defined by the sheet: ended on an earlier day, or with a working day to spare. */
      early: z.enum(['beforeDueDay', 'beforeDueWorkingDay']).default('beforeDueDay'),
      /** [766 2.1] "Yêu cầu bổ sung hồ sơ hơn 01 lần thì tính quá hạn": always, or only while waiting. */
      repeatedSupplement: z.enum(['alwaysLate', 'lateWhileAwaitingCitizen']).default('alwaysLate'),
      /** [766 2.1] "Thời gian bổ sung = hoàn thành − yêu cầu": elapsed time, or whole working days. */
      supplementTime: z.enum(['elapsed', 'workingDays']).default('elapsed'),
      /** Neither a promised date nor a maximum processing time: no rule in the sheet. */
      withoutDeadline: z.enum(['late', 'onTime', 'excluded']).default('late'),
    })
    .prefault({}),
  sync: z
    .strictObject({
      /** [766 1.4] "Nếu năm trước liền kề không có số liệu, tỷ lệ hồ sơ đồng bộ = 0". */
      withoutDenominator: z.enum(['zero', 'notApplicable']).default('zero'),
    })
    .prefault({}),
  online: z
    .strictObject({
      /** [766 3.3] "… / Tổng số hồ sơ tiếp nhận trong kỳ * Tỷ lệ đồng bộ hồ sơ * 100%". */
      multiplyBySyncRate: z.boolean().default(true),
      /** [766 3.3] an open online dossier has no electronic result yet: it does not count as online. */
      electronicResultWhileOpen: z.enum(['required', 'notRequired']).default('required'),
    })
    .prefault({}),
  electronicResult: z
    .strictObject({
      /** [766 3.3] "có mã kết quả + đường links kết quả". */
      forOnlineShare: z.enum(['codeAndFile', 'file']).default('codeAndFile'),
      /** [766 4.1, 4.2] "link file kết quả", "file đính kèm trong kết quả xử lý". */
      forResultIndicators: z.enum(['codeAndFile', 'file']).default('file'),
      /** The procedure catalogue is not loaded yet: assume its result is a paper (the strict case). */
      resultIsPaperWhenUnknown: z.boolean().default(true),
    })
    .prefault({}),
  results: z
    .strictObject({
      /** [766 4.1, 4.2] give no date; 4.3 defines "thuộc thẩm quyền giải quyết" by reception in the period. */
      periodBy: z.enum(['receivedAt', 'endOfProcessing']).default('receivedAt'),
      /** A withdrawn or stopped dossier never gets a result; the sheet still counts it. */
      excludeClosedWithoutResult: z.boolean().default(false),
      /** [766 4.2] "(2) cấp kết quả giải quyết điện tử đối với TTHC yêu cầu trả kết quả bằng văn bản giấy tờ". */
      digitisedNeedsResultFile: z
        .enum(['paperResultProcedures', 'allProcedures'])
        .default('paperResultProcedures'),
    })
    .prefault({}),
  reuse: z
    .strictObject({
      /** [766 4.3] HoSoCoThanhPhanSoHoa = 1 (synced by a province) or TaiLieuNop.DuocSoHoa = 1 (portal). */
      evidence: z
        .array(z.enum(['dossierFlag', 'documentDigitised', 'documentReuse']))
        .min(1)
        .default(['dossierFlag', 'documentDigitised']),
    })
    .prefault({}),
  nationalStore: z
    .strictObject({
      /** [766 4.4] before its "Update" line the electronic result synced to the store counted too. */
      countsElectronicResult: z.boolean().default(false),
    })
    .prefault({}),
  populationData: z
    .strictObject({
      /** [766 4.5] "taikhoanduocxacthucvoiVNeID hoặc DuoclaytukhoDMQG, MaCSDL của CSDL Dân cư". */
      evidence: z
        .array(z.enum(['vneid', 'nationalStore', 'populationDatabase']))
        .min(1)
        .default(['vneid', 'nationalStore', 'populationDatabase']),
      /** MaCSDL of the population database; [TH] SyncLocalDataToDVCQG sends "7". */
      populationDatabaseCodes: z.array(z.string().min(1)).min(1).default(['7']),
      /** The dossier rate's denominator is "Tổng số hồ sơ TTHC"; the TTHC rate restricts to citizens. */
      onlyCitizenApplicants: z.boolean().default(false),
    })
    .prefault({}),
  payment: z
    .strictObject({
      /** [766 3.6] subtracts dossiers whose synced fee lines are all "Gia: 0"; none synced is a choice. */
      withoutFeeLines: z.enum(['keep', 'exclude']).default('keep'),
    })
    .prefault({}),
  satisfaction: z
    .strictObject({
      /** [766 5.4] "100% − (tỷ lệ quá hạn + tỷ lệ có PAKN/dislike)": a dossier both late and complained of costs twice. */
      combine: z.enum(['sumOfRates', 'eachDossierOnce']).default('sumOfRates'),
    })
    .prefault({}),
  feedback: z
    .strictObject({
      /** [766 5.2] "PAKN công khai đúng hạn … <= 2 ngày làm việc". */
      publication: z.enum(['apply', 'skip']).default('apply'),
    })
    .prefault({}),
  /** Overrides of the points rules; the sheet's own are in `sheetPointsRules` (core). */
  points: z.partialRecord(scorecardIndicatorIdSchema, pointsRuleSchema).default({}),
});

export type ScorecardRules = z.infer<typeof scorecardRulesSchema>;

const bilingualSchema = z.object({ vi: z.string(), en: z.string() });

export const scorecardIndicatorResultSchema = z
  .object({
    id: scorecardIndicatorIdSchema,
    title: z.string().meta({ description: 'Vietnamese title as the formula sheet writes it' }),
    titleEn: z.string(),
    numerator: z
      .number()
      .min(0)
      .nullable()
      .meta({ description: '2.2: total processing time; null when its procedures use different units' }),
    denominator: z.number().int().min(0),
    rate: z.number().nullable().meta({
      description: 'Percent, two decimals; null (N/A) when the denominator is 0, or with a note',
    }),
    fullMarksAt: z.number().nullable(),
    score: z
      .number()
      .nullable()
      .meta({ description: 'Points under the rule; null without a rule or a rate' }),
    maxScore: z.number().nullable(),
    note: bilingualSchema.optional().meta({
      description:
        'Why the rate is N/A although subjects count: the data the formula needs does not reach the gateway yet',
    }),
    categories: z.record(z.string(), z.number().int().min(0)),
    /** [766 2.2] average processing time, per procedure: the sheet shows it only for one procedure. */
    averages: z
      .array(
        z.object({
          procedureCode: z.string(),
          unit: processingTimeUnitSchema,
          dossiers: z.number().int().min(1),
          average: z.number(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'ScorecardIndicator' });

export type ScorecardIndicatorResult = z.infer<typeof scorecardIndicatorResultSchema>;

export const scorecardReportSchema = z
  .object({
    period: z.object({ from: calendarDaySchema, to: calendarDaySchema }),
    agencyCode: agencyCodeSchema.optional(),
    procedureCode: procedureCodeSchema.optional(),
    rulesVersion: z.string(),
    indicators: z.array(scorecardIndicatorResultSchema),
  })
  .meta({ id: 'Scorecard' });

export type ScorecardReport = z.infer<typeof scorecardReportSchema>;

/** A dossier (or feedback item) that counts against an indicator, and why. */
export const scorecardShortfallSchema = z
  .object({
    indicator: scorecardIndicatorIdSchema,
    subjectCode: z.string().meta({ description: 'Dossier code, or feedback id for 5.1–5.3' }),
    agencyCode: z.string(),
    procedureCode: z.string().optional(),
    category: z.string(),
    reasons: z.array(bilingualSchema.extend({ code: z.string() })),
  })
  .meta({ id: 'ScorecardShortfall' });

/** An open dossier that will count against an indicator unless handled by `handleBy`. */
export const scorecardWatchSchema = z
  .object({
    indicator: scorecardIndicatorIdSchema,
    subjectCode: z.string(),
    agencyCode: z.string(),
    procedureCode: z.string().optional(),
    handleBy: z.string().meta({ description: 'ISO 8601 instant, Vietnam offset' }),
    reason: bilingualSchema.extend({ code: z.string() }),
  })
  .meta({ id: 'ScorecardWatch' });

export type ScorecardShortfall = z.infer<typeof scorecardShortfallSchema>;
export type ScorecardWatch = z.infer<typeof scorecardWatchSchema>;

/** A period of Vietnam days, both ends included; at most about three years, to bound the read. */
export const scorecardQuerySchema = z
  .strictObject({
    from: calendarDaySchema,
    to: calendarDaySchema,
    agencyCode: agencyCodeSchema.optional(),
  })
  .superRefine((query, context) => {
    if (query.from > query.to) {
      context.addIssue({
        code: 'custom',
        path: ['from'],
        message: 'Ngày bắt đầu phải trước ngày kết thúc / from must not be after to',
      });
    }
    if (Date.parse(query.to) - Date.parse(query.from) > 1_100 * 86_400_000) {
      context.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'Kỳ báo cáo tối đa 1100 ngày / A period spans at most 1,100 days',
      });
    }
  });

export type ScorecardQuery = z.infer<typeof scorecardQuerySchema>;

/** One indicator explained: the dossiers that count against it, and the open ones still to handle. */
export const scorecardExplanationSchema = z
  .object({
    period: z.object({ from: calendarDaySchema, to: calendarDaySchema }),
    agencyCode: agencyCodeSchema.optional(),
    indicator: scorecardIndicatorResultSchema,
    dossiers: z.array(scorecardShortfallSchema),
    watch: z.array(scorecardWatchSchema).meta({
      description: 'Open dossiers that will count against the indicator unless handled by handleBy',
    }),
  })
  .meta({ id: 'ScorecardExplanation' });

export type ScorecardExplanation = z.infer<typeof scorecardExplanationSchema>;
