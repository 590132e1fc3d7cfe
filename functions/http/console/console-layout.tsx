import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { type ConsoleRole, holdsRole } from '../../core/console-roles';
import { routePolicies } from '../route-policies';
import { CONSOLE_PATH } from './console-env';
import type { Language, TextKey } from './console-text';

export interface PageFrame {
  readonly language: Language;
  readonly t: (key: TextKey) => string;
  readonly active:
    | 'dashboard'
    | 'failed'
    | 'drift'
    | 'dossiers'
    | 'audit'
    | 'login'
    | 'agencyCodes'
    | 'scorecard'
    | 'endpoints'
    | 'resync'
    | 'systems'
    | 'catalogues'
    | 'mappings'
    | 'unmappedCodes'
    | 'feedback';
  readonly title: string;
  readonly signedInAs?: string;
  readonly csrfToken?: string;
  readonly notice?: string;
  /** The signed-in person's roles: navigation shows only the pages they may open. */
  readonly roles?: readonly ConsoleRole[];
}

/**
 * Each page's link, by its path under CONSOLE_PATH; the role that may open it is the one the
 * route policy of `GET` on that path declares.
 */
const navigation = (
  [
    { key: 'dashboard', path: '', label: 'dashboard' },
    { key: 'scorecard', path: '/scorecard', label: 'scorecard' },
    { key: 'failed', path: '/failed', label: 'failedMessages' },
    { key: 'drift', path: '/drift', label: 'drift' },
    { key: 'feedback', path: '/feedback', label: 'feedback' },
    { key: 'endpoints', path: '/endpoints', label: 'endpoints' },
    { key: 'resync', path: '/resync', label: 'resyncDossiers' },
    { key: 'dossiers', path: '/dossiers', label: 'dossiers' },
    { key: 'audit', path: '/audit', label: 'audit' },
    { key: 'agencyCodes', path: '/agency-codes', label: 'agencyCodes' },
    { key: 'systems', path: '/systems', label: 'systems' },
    { key: 'catalogues', path: '/catalogues', label: 'catalogues' },
    { key: 'mappings', path: '/mappings', label: 'mappings' },
    { key: 'unmappedCodes', path: '/unmapped-codes', label: 'unmappedCodes' },
  ] as const
).map(({ key, path, label }) => ({
  key,
  label,
  href: `${CONSOLE_PATH}${path}`,
  role: routePolicies[`GET ${CONSOLE_PATH}${path}` as const].role,
}));

/** A dossier's code, linked to its page (status, timeline, messages). */
export function DossierLink(props: { readonly code: string }) {
  return <a href={`${CONSOLE_PATH}/dossiers?code=${encodeURIComponent(props.code)}`}>{props.code}</a>;
}

/** The column that names each row by its dossier, linked to the dossier's page. */
export function dossierColumn<Row extends { readonly dossierCode: string }>(header: string): Column<Row> {
  return { header, rowHeader: true, cell: (row) => <DossierLink code={row.dossierCode} /> };
}

/** The session's CSRF token, as every console form that posts carries it. */
export function CsrfField(props: { readonly token: string }) {
  return <input type="hidden" name="csrf" value={props.token} />;
}

/** A one-button form that posts to `action`, with the CSRF token and any hidden `fields`. */
export function PostButton(props: {
  readonly action: string;
  readonly csrfToken: string;
  readonly label: string;
  /** What a screen reader says when the label alone does not name the row it acts on. */
  readonly ariaLabel?: string;
  readonly fields?: Readonly<Record<string, string>>;
}) {
  return (
    <form method="post" action={props.action} class="inline">
      <CsrfField token={props.csrfToken} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" aria-label={props.ariaLabel}>
        {props.label}
      </button>
    </form>
  );
}

/** Payloads and audit entries as an administrator reads them: indented JSON. */
export const prettyJson = (value: unknown) => JSON.stringify(value, null, 2);

/**
 * Every console page: a doctype (standards mode, not quirks), skip link, navigation, language
 * switch, sign-out, one <main>.
 */
export function Layout(props: PageFrame & { children?: Child }) {
  const { t } = props;
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={props.language}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${props.title} · ${t('title')}`}</title>
          <link rel="stylesheet" href={`${CONSOLE_PATH}/assets/console.css`} />
        </head>
        <body>
          <a class="skip" href="#main">
            {props.language === 'vi' ? 'Bỏ qua đến nội dung' : 'Skip to content'}
          </a>
          <header class="top">
            <span class="brand">{t('title')}</span>
            {props.signedInAs ? (
              <nav aria-label={props.language === 'vi' ? 'Điều hướng chính' : 'Main navigation'}>
                <ul>
                  {navigation
                    .filter((item) => holdsRole(props.roles ?? [], item.role))
                    .map((item) => (
                      <li>
                        <a href={item.href} aria-current={props.active === item.key ? 'page' : undefined}>
                          {t(item.label)}
                        </a>
                      </li>
                    ))}
                </ul>
              </nav>
            ) : null}
            <div class="session">
              <a
                href={`${CONSOLE_PATH}/language?to=${props.language === 'vi' ? 'en' : 'vi'}`}
                lang={props.language === 'vi' ? 'en' : 'vi'}
              >
                {t('language')}
              </a>
              {props.signedInAs && props.csrfToken ? (
                <form method="post" action={`${CONSOLE_PATH}/logout`} class="inline">
                  <CsrfField token={props.csrfToken} />
                  <span class="who">{props.signedInAs}</span>
                  <button type="submit">{t('signOut')}</button>
                </form>
              ) : null}
            </div>
          </header>
          <main id="main">
            <h1>{props.title}</h1>
            {props.notice ? (
              <p class="notice" role="status">
                {props.notice}
              </p>
            ) : null}
            {props.children}
          </main>
        </body>
      </html>
    </>
  );
}

export interface Column<Row> {
  readonly header: string;
  readonly cell: (row: Row) => Child;
  /** Right-aligned, tabular figures. */
  readonly numeric?: boolean;
  /** The cell that names the row, for screen readers (th scope=row). */
  readonly rowHeader?: boolean;
}

/**
 * Every console table: a scrollable wrapper (usable at 390 px), column headers, one row each;
 * with no rows, the page's `empty` sentence instead (or the headers alone without one).
 */
export function DataTable<Row>(props: {
  readonly rows: readonly Row[];
  readonly columns: readonly Column<Row>[];
  readonly empty?: string;
}) {
  if (props.rows.length === 0 && props.empty !== undefined) return <p>{props.empty}</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th scope="col">{column.header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              {props.columns.map((column) =>
                column.rowHeader ? (
                  <th scope="row">{column.cell(row)}</th>
                ) : (
                  <td class={column.numeric ? 'num' : undefined}>{column.cell(row)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const consoleStyles = `
:root { color-scheme: light; --ink:#1b1f24; --muted:#5b6570; --line:#d7dce1; --accent:#a5161d; --ok:#1f7a3d; --bg:#f6f7f9; }
* { box-sizing: border-box; }
body { margin:0; font: 15px/1.5 system-ui, "Segoe UI", Roboto, sans-serif; color:var(--ink); background:var(--bg); }
.skip { position:absolute; left:-999px; } .skip:focus { left:8px; top:8px; background:#fff; padding:6px; z-index:2; }
.top { display:flex; flex-wrap:wrap; gap:12px; align-items:center; justify-content:space-between; padding:10px 16px; background:#fff; border-bottom:3px solid var(--accent); }
.brand { font-weight:700; }
nav ul { list-style:none; display:flex; flex-wrap:wrap; gap:4px 14px; margin:0; padding:0; }
nav a[aria-current=page] { font-weight:700; text-decoration:underline; }
a { color:#0b4f9c; } a:focus, button:focus, input:focus, select:focus, textarea:focus { outline:3px solid #f0b400; outline-offset:1px; }
.session { display:flex; gap:10px; align-items:center; } .inline { display:inline-flex; gap:8px; align-items:center; margin:0; } .who { color:var(--muted); }
main { padding:16px; max-width:1200px; margin:0 auto; }
h1 { font-size:1.4rem; margin:0 0 12px; } h2 { font-size:1.1rem; margin:20px 0 8px; }
.notice { background:#e8f4ec; border-left:4px solid var(--ok); padding:8px 12px; }
.error { background:#fdecec; border-left:4px solid var(--accent); padding:8px 12px; }
.table-wrap { overflow-x:auto; background:#fff; border:1px solid var(--line); }
table { border-collapse:collapse; width:100%; } th, td { text-align:left; padding:6px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
th { background:#eef1f4; font-weight:600; }
td { overflow-wrap:anywhere; } td.num { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
code.technical { font-size:.85rem; color:var(--muted); }
ul.changes { margin:0; padding-left:1rem; }
form.filters { display:grid; grid-template-columns:repeat(auto-fill, minmax(170px,1fr)); gap:8px 12px; align-items:end; background:#fff; padding:12px; border:1px solid var(--line); }
label { display:flex; flex-direction:column; gap:2px; font-size:.9rem; color:var(--muted); }
label.check { flex-direction:row; align-items:center; gap:6px; color:var(--ink); }
input, select, textarea, button { font:inherit; padding:6px 8px; border:1px solid #9aa4ae; border-radius:3px; background:#fff; color:var(--ink); }
button { background:var(--accent); color:#fff; border-color:var(--accent); cursor:pointer; } button.secondary { background:#fff; color:var(--accent); }
textarea { width:100%; min-height:8rem; font-family:ui-monospace, Menlo, monospace; font-size:.85rem; }
pre.json { background:#0f1720; color:#e6edf3; padding:12px; overflow:auto; max-height:28rem; font-size:.85rem; }
dl.facts { display:grid; grid-template-columns:max-content 1fr; gap:4px 16px; background:#fff; padding:12px; border:1px solid var(--line); }
dl.facts dt { color:var(--muted); } dl.facts dd { margin:0; word-break:break-word; }
.cards { display:grid; grid-template-columns:repeat(auto-fill, minmax(min(100%, 540px),1fr)); gap:12px; }
.card { background:#fff; border:1px solid var(--line); padding:12px; }
figure.chart { margin:0; } figure.chart svg { width:100%; height:auto; background:#fff; border:1px solid var(--line); }
figure.chart text { font-size:15px; fill:var(--muted); } figure.chart .axis-title { fill:var(--ink); font-weight:600; }
line.axis { stroke:var(--ink); } line.grid { stroke:var(--line); }
rect.ok { fill:var(--ok); } rect.bad { fill:var(--accent); } rect.held { fill:#b86e00; }
.ok-text { color:var(--ok); } .bad-text { color:var(--accent); } .held-text { color:#8a5200; }
.counters { display:flex; flex-wrap:wrap; gap:12px; margin:0 0 12px; padding:0; list-style:none; }
.counters li { background:#fff; border:1px solid var(--line); padding:8px 14px; }
.counters strong { display:block; font-size:1.4rem; }
.refresh { background:#fff7e0; border-left:4px solid #b86e00; padding:8px 12px; }
figure.trend svg { height:auto; max-width:640px; } line.axis-line { stroke:var(--muted); } line.threshold { stroke:var(--accent); stroke-dasharray:6 4; } text.axis { font-size:11px; fill:var(--muted); }
.actions { display:grid; grid-template-columns:repeat(auto-fill, minmax(320px,1fr)); gap:12px; }
.actions form { background:#fff; border:1px solid var(--line); padding:12px; display:flex; flex-direction:column; gap:8px; }
@media (max-width: 600px) { body { font-size:14px; } main { padding:10px; } .table-wrap table { min-width:40rem; } .top { flex-direction:column; align-items:flex-start; } }
`;
