import { agencyCodeSchema } from '../../../contracts/codes';
import { type FeedbackState, feedbackStates } from '../../../contracts/feedback';
import { type FeedbackRecord, feedbackDueAt } from '../../core/feedback-item';
import { maskValue } from '../../core/mask-personal-data';
import type { ApiDependencies } from '../api-dependencies';
import { CONSOLE_PAGE_SIZE, CONSOLE_PATH, type ConsoleApp } from './console-env';
import { DataTable, Layout, type PageFrame } from './console-layout';
import type { ConsoleSession } from './console-session';
import { formatVietnamTime, translator } from './console-text';
import { feedbackStateName } from './console-words';
import { FilterForm } from './filter-form';
import { FilterSelect } from './filter-select';
import { NextPageLink } from './next-page-link';
import { pageFrame } from './page-frame';

/** One row as the page shows it: personal data already masked unless the reader holds pii:read. */
interface FeedbackRow {
  readonly record: FeedbackRecord;
  readonly citizen: { readonly name: string; readonly phone: string; readonly email: string };
  readonly dueAt: string | undefined;
  readonly overdue: boolean;
}

interface FeedbackPageProps {
  readonly frame: PageFrame;
  readonly rows: readonly FeedbackRow[];
  readonly filter: { readonly agency?: string; readonly state?: FeedbackState; readonly overdue: boolean };
  readonly masked: boolean;
  readonly cursor?: string;
}

/** Citizens' feedback (PAKN) the portal sent, where each stands and what is due (issue 23). */
function FeedbackPage(props: FeedbackPageProps) {
  const { t, language } = props.frame;
  const { filter } = props;
  return (
    <Layout {...props.frame}>
      <FilterForm action={`${CONSOLE_PATH}/feedback`} t={t}>
        <label>
          {t('agencyCode')} <input name="agency" value={filter.agency ?? ''} placeholder="000.00.12.H12" />
        </label>
        <FilterSelect
          label={t('status')}
          name="state"
          all={t('all')}
          values={feedbackStates}
          text={(state) => feedbackStateName(state, language)}
          selected={filter.state}
        />
        <label>
          <input type="checkbox" name="overdue" value="1" checked={filter.overdue} /> {t('overdueOnly')}
        </label>
      </FilterForm>
      {props.masked ? <p class="notice">{t('personalDataMasked')}</p> : null}
      <DataTable
        empty={t('noFeedback')}
        rows={props.rows}
        columns={[
          { header: t('feedbackId'), rowHeader: true, cell: (row) => row.record.feedbackId },
          { header: t('agencyCode'), cell: (row) => row.record.agencyCode },
          { header: t('feedbackTitle'), cell: (row) => row.record.item.title ?? row.record.item.content },
          { header: t('citizen'), cell: (row) => row.citizen.name },
          { header: t('citizenPhone'), cell: (row) => row.citizen.phone },
          { header: t('citizenEmail'), cell: (row) => row.citizen.email },
          { header: t('status'), cell: (row) => feedbackStateName(row.record.state, language) },
          { header: t('sentAt'), cell: (row) => formatVietnamTime(row.record.sentAt) },
          {
            header: t('nextDeadline'),
            cell: (row) =>
              row.overdue ? (
                <strong>
                  {formatVietnamTime(row.dueAt)} · {t('overdueMark')}
                </strong>
              ) : (
                formatVietnamTime(row.dueAt)
              ),
          },
          { header: t('likesDislikes'), cell: (row) => `${row.record.likes} / ${row.record.dislikes}` },
        ]}
      />
      <NextPageLink
        path={`${CONSOLE_PATH}/feedback`}
        query={{
          ...(filter.agency ? { agency: filter.agency } : {}),
          ...(filter.state ? { state: filter.state } : {}),
          ...(filter.overdue ? { overdue: '1' } : {}),
        }}
        cursor={props.cursor}
        t={t}
      />
    </Layout>
  );
}

/**
 * `${CONSOLE_PATH}/feedback`: filtered by agency, state and overdue. The citizen's name, phone
 * and email are masked for a reader without pii:read, as every payload the console shows.
 */
export function registerFeedbackPage(console: ConsoleApp, deps: ApiDependencies, session: ConsoleSession) {
  console.get('/feedback', session, async (c) => {
    const t = translator(c.var.language);
    const agency = agencyCodeSchema.safeParse(c.req.query('agency')?.trim());
    const asked = c.req.query('state');
    const state = feedbackStates.find((candidate) => candidate === asked);
    const overdueOnly = c.req.query('overdue') === '1';
    const cursor = c.req.query('cursor');
    const page = await deps.feedback.listFeedback({
      limit: CONSOLE_PAGE_SIZE,
      ...(agency.success ? { agencyCode: agency.data } : {}),
      ...(state ? { state } : {}),
      ...(cursor ? { cursor } : {}),
    });
    const reveal = c.var.admin.scopes.includes('pii:read');
    const shown = (value: string | undefined) =>
      value === undefined ? '' : reveal ? value : maskValue(value);
    const now = deps.clock.now().getTime();
    const rows = page.items
      .map((record): FeedbackRow => {
        const due = feedbackDueAt(record, deps.calendar);
        const { name, phone, email } = record.item.citizen;
        return {
          record,
          citizen: { name: shown(name), phone: shown(phone), email: shown(email) },
          dueAt: due?.toISOString(),
          overdue: due !== undefined && due.getTime() < now,
        };
      })
      // Overdue is judged now, not stored: this page of the list is filtered after it is read.
      .filter((row) => !overdueOnly || row.overdue);
    return c.html(
      <FeedbackPage
        frame={pageFrame(c, 'feedback', t('feedback'))}
        rows={rows}
        filter={{
          ...(agency.success ? { agency: agency.data } : {}),
          ...(state ? { state } : {}),
          overdue: overdueOnly,
        }}
        masked={!reveal}
        {...(page.cursor ? { cursor: page.cursor } : {})}
      />,
    );
  });
}
