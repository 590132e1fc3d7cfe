import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  artifactsDir,
  type BrowserSuite,
  chromiumAvailable,
  signInAs,
  startsRuntimeAndChromium,
} from '../support/browser';
import { aDossier } from '../support/fixtures';
import { aStatusChange } from '../support/national-fixtures';
import { parkDuringOutage, startParkingQuickly } from '../support/parked-message';
import { nationalTimeline } from '../support/receiver';
import { callGateway, eventually, eventuallySome, tokenFor } from '../support/test-runtime';

/** The runtime and Chromium of this file's suite, there once startsRuntimeAndChromium has started them. */
const suite = {} as BrowserSuite;

if (!chromiumAvailable) {
  // Visible on purpose: CI installs Chromium (.ci/run), so only a bare developer machine skips.
  process.stderr.write('\n[browser tests] /usr/bin/chromium not found: skipping the admin console tests\n\n');
}

/** The little of the DOM these checks read (the project compiles without lib.dom). */
interface Element {
  readonly textContent: string | null;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  cloneNode(deep: true): Element;
  querySelectorAll(selector: string): Iterable<Element>;
  remove(): void;
  getBoundingClientRect(): { right: number };
}
interface Document {
  readonly compatMode: string;
  readonly title: string;
  readonly documentElement: Element;
  querySelector(selector: string): Element | null;
  querySelectorAll(selector: string): Iterable<Element>;
}

/**
 * Status, outcome and label words the Vietnamese console must never show raw (issue 18). Wire
 * names (DongBoHoSoMC, error_code) and payloads (pre, textarea) are not the console's words.
 */
const ENGLISH_LEFTOVERS =
  /\b(parked|replayed|discarded|processing|synced|delivered|accepted|pending|failing|failed|received|Message id|Trace id|replayed by|discarded by|gave up|unreachable|console\.signIn|failedMessage\.\w+|dossier\.sync)\b|\bin \d+ ms\b/i;

/**
 * Every page the tests visit: standards mode, nothing wider than a 1280 px window (no clipped
 * column), no sideways scrolling of the page at 390 px (tables scroll inside their wrapper),
 * no English left in a Vietnamese page; and its screenshots at both widths.
 */
const shot = async (page: Page, name: string, language: 'vi' | 'en' = 'vi') => {
  expect(
    await page.evaluate(() => (globalThis as unknown as { document: Document }).document.compatMode),
    `${name}: doctype`,
  ).toBe('CSS1Compat');
  if (language === 'vi') {
    const words = await page.evaluate(() => {
      const { document } = globalThis as unknown as { document: Document };
      const main = document.querySelector('main')?.cloneNode(true);
      for (const skipped of main?.querySelectorAll('pre, textarea, [lang=en]') ?? []) skipped.remove();
      return `${document.title} ${main?.textContent ?? ''}`;
    });
    expect(
      words.match(ENGLISH_LEFTOVERS)?.[0],
      `${name}: English left in the Vietnamese page`,
    ).toBeUndefined();
  }
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    const overflow = await page.evaluate(() => {
      const { document } = globalThis as unknown as { document: Document };
      return {
        page: document.documentElement.scrollWidth,
        widest: Math.max(
          0,
          ...[...document.querySelectorAll('body *')].map((e) => e.getBoundingClientRect().right),
        ),
        clippedTables: [...document.querySelectorAll('.table-wrap')].filter(
          (e) => e.scrollWidth > e.clientWidth,
        ).length,
      };
    });
    expect(overflow.page, `${name} at ${width} px: the page scrolls sideways`).toBeLessThanOrEqual(width);
    if (width === 1280) {
      expect(overflow.widest, `${name}: an element is wider than 1280 px`).toBeLessThanOrEqual(width);
      expect(overflow.clippedTables, `${name}: a table does not fit 1280 px`).toBe(0);
    }
    await page.screenshot({ path: join(artifactsDir, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
};

/** A page as a Vietnamese administrator's browser shows it (dates in the date pickers too). */
const newPage = () => suite.browser.newPage({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });

/** An operator: replays and discards, personal data masked. */
const signIn = (page: Page) => signInAs(page, suite.runtime.urls.gateway, 'operator@demo');

describe.runIf(chromiumAvailable)('admin console in Chromium', () => {
  startsRuntimeAndChromium(suite, startParkingQuickly, 60_000);

  it('lets an admin find a message parked by an outage, replay it, and see it delivered', async () => {
    const parked = await parkDuringOutage(suite.runtime);

    const page = await newPage();
    await page.goto(`${suite.runtime.urls.gateway}/admin`);
    expect(await page.getByRole('button', { name: /^Đăng nhập bằng tài khoản cơ quan/ }).count()).toBe(1);
    expect(page.url()).toContain('/admin/login');
    await shot(page, '01-login');
    await signIn(page);

    const nationalRow = page.getByRole('row', { name: /to-national\.fifo/ });
    expect(await nationalRow.locator('td').nth(3).innerText()).toBe('1');
    // The dashboard's counters read the failed-message records, as the list does ("Lỗi 0" while
    // messages were parked: the chart counted only what the relay parked itself).
    expect(await page.locator('[data-counter=parked]').innerText()).toBe('1');
    expect(await page.getByRole('figure').first().innerText()).toContain('Bị tạm giữ 1');
    const axes = await page.getByRole('img', { name: /Đến Cổng DVCQG/ }).innerHTML();
    expect(axes).toContain('Số tin / 10 phút');
    expect(axes).toContain('Giờ Việt Nam');
    await shot(page, '02-dashboard');

    await page.getByRole('link', { name: 'Tin đang tạm giữ' }).click();
    expect(await page.locator('tbody tr').count()).toBe(1);
    await page.getByLabel('Mã hồ sơ').fill(parked.dossierCode);
    // Date pickers, today in Vietnam: the server turns the days into the stored instants' range.
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    await page.locator('input[type=date][name=from]').fill(today);
    await page.locator('input[type=date][name=to]').fill(today);
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('Hết lượt thử');
    expect(await rows.first().innerText()).toContain('Đồng bộ hồ sơ');
    expect(await page.locator('input[type=date][name=from]').getAttribute('type')).toBe('date');
    await shot(page, '03-failed-list');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(
      await page.locator('.table-wrap').evaluate((wrap) => wrap.scrollWidth > wrap.clientWidth),
      'the table scrolls sideways inside its wrapper on a phone',
    ).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });

    await rows.first().getByRole('link').last().click();
    expect(page.url()).toContain(`/admin/failed/${parked.messageId}`);
    expect(await page.locator('main').innerText()).toContain('Dữ liệu cá nhân đã được che');
    expect(await page.locator('pre.json').innerText()).not.toContain('001203004567');
    expect(await page.locator('main').innerText()).toContain('Mã tin');
    await shot(page, '04-message-detail');

    await page.getByRole('button', { name: 'Gửi lại', exact: true }).click();
    await page.waitForURL(/done=/);
    expect(await page.getByRole('status').innerText()).toContain('Đã thực hiện');
    expect(await page.getByRole('heading', { name: 'Tình trạng giao tin hiện tại' }).count()).toBe(1);
    // The page says what became of the replay once the relay delivered it: reload until then.
    await eventually(async () => {
      await page.reload();
      return (await page.locator('[data-delivery-state]').innerText()) === 'Đã gửi thành công'
        ? true
        : undefined;
    });
    await shot(page, '05-replay-outcome');
    const delivered = await eventuallySome(() =>
      nationalTimeline(suite.runtime.urls.nationalPortal, parked.dossierCode),
    );
    expect(delivered).toEqual(['sync:2']);

    await page.getByRole('link', { name: 'Nhật ký thao tác' }).click();
    const audit = await page.locator('tbody').innerText();
    expect(audit).toContain('Gửi lại tin lỗi');
    expect(audit).toContain('Đăng nhập trang quản trị');
    expect(audit).toContain('Trạng thái: Đang tạm giữ → Đã gửi lại');
    expect(audit).toContain('operator@demo');
    await shot(page, '06-audit');

    await page.goto(`${suite.runtime.urls.gateway}/admin/dossiers?code=${parked.dossierCode}`);
    const timeline = await page.locator('tbody').innerText();
    expect(timeline).toContain('Đã gửi lại');
    expect(timeline).toContain('Đã gửi thành công');
    await shot(page, '07-dossier-timeline');

    // Recent dossiers: the list, filtered by agency, status and the days of their codes.
    await page.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    const filters = page.getByRole('form', { name: 'Lọc' });
    await filters.getByLabel('Mã cơ quan').fill('000.00.12.H12');
    await filters.getByLabel('Trạng thái').selectOption('received');
    await filters.locator('input[name=from]').fill('2025-03-01');
    await filters.locator('input[name=to]').fill('2025-03-31');
    await filters.getByRole('button', { name: 'Lọc' }).click();
    const listed = page.getByRole('row', { name: new RegExp(parked.dossierCode.replace(/\./g, '\\.')) });
    expect(await listed.innerText()).toContain('Được tiếp nhận');
    await shot(page, '08-dossiers');
    await listed.getByRole('link').click();
    expect(page.url()).toContain(`code=${encodeURIComponent(parked.dossierCode)}`);
    const badRange = await page.goto(`${suite.runtime.urls.gateway}/admin/dossiers?from=2025-13-01`);
    expect(badRange?.status()).toBe(200);
    expect(await page.getByRole('alert').innerText()).toContain('Ngày không hợp lệ');

    // A bad day in the address is said in Vietnamese, not answered with a 5xx.
    const badDate = await page.goto(`${suite.runtime.urls.gateway}/admin/failed?from=2025-02-30`);
    expect(badDate?.status()).toBe(200);
    expect(await page.getByRole('alert').innerText()).toContain('Ngày không hợp lệ');

    await page.close();
  }, 240_000);

  it('lists a dossier the portal lost an update of, and re-syncs it with one click', async () => {
    const dossier = aDossier();
    const provinceToken = await tokenFor(suite.runtime);
    const post = (path: string, body: unknown) =>
      callGateway(suite.runtime, provinceToken, 'POST', path, body);
    const delivered = (sequence: number) =>
      eventually(async () =>
        (await suite.runtime.deps.store.getDeliveryProgress('national', dossier.dossierCode))
          .deliveredSequence >= sequence
          ? true
          : undefined,
      );
    expect((await post('/v1/dossiers', dossier)).status).toBe(202);
    await delivered(1);
    await fetch(`${suite.runtime.urls.nationalPortal}/_sim/silent-drops`, {
      method: 'POST',
      body: JSON.stringify({ MaHoSo: dossier.dossierCode, count: 1 }),
    });
    expect(
      (await post(`/v1/dossiers/${dossier.dossierCode}/status`, aStatusChange('b-1', 'processing', 5)))
        .status,
    ).toBe(202);
    await delivered(2);
    await suite.runtime.runSchedule('drift-check');

    const page = await newPage();
    await signIn(page);
    await page.getByRole('link', { name: 'Sai lệch với Cổng DVCQG' }).click();
    const row = page.getByRole('row', { name: new RegExp(dossier.dossierCode.replace(/\./g, '\\.')) });
    expect(await row.innerText()).toContain('Đang sai lệch');
    await shot(page, '10-drift');
    await row.getByRole('button', { name: `Đồng bộ lại ${dossier.dossierCode}` }).click();
    await page.waitForURL(/\/admin\/drift/);
    await eventually(async () =>
      suite.runtime.simulators.nationalPortal.dossiers.get(dossier.dossierCode)?.TrangThaiHoSo === '4'
        ? true
        : undefined,
    );
    await suite.runtime.runSchedule('drift-check');
    await page.goto(`${suite.runtime.urls.gateway}/admin/drift?state=resolved`);
    expect(
      await page
        .getByRole('row', { name: new RegExp(dossier.dossierCode.replace(/\./g, '\\.')) })
        .innerText(),
    ).toContain('Đã khớp');
    await page.close();
  }, 90_000);

  it('asks for a reason before discarding, and refuses a forged form', async () => {
    const parked = await parkDuringOutage(suite.runtime);
    const page = await newPage();
    await signIn(page);
    await page.goto(`${suite.runtime.urls.gateway}/admin/failed/${parked.messageId}`);

    const reason = page.getByLabel('Lý do loại bỏ (bắt buộc)');
    await page.getByRole('button', { name: 'Loại bỏ' }).click();
    expect(
      await reason.evaluate(
        (element) => (element as unknown as { validity: { valueMissing: boolean } }).validity.valueMissing,
      ),
    ).toBe(true);
    expect(page.url()).not.toContain('done=');

    // A form posted without the page's CSRF token is refused, even with the session cookie,
    // whether it claims this origin or none.
    const discardUrl = `${suite.runtime.urls.gateway}/admin/failed/${parked.messageId}/discard`;
    const withOrigin = await page.request.post(discardUrl, {
      form: { reason: 'forged by a script' },
      headers: { origin: suite.runtime.urls.gateway },
    });
    expect(withOrigin.status(), await withOrigin.text()).toBe(403);
    const crossSite = await page.request.post(discardUrl, {
      form: { reason: 'forged by a script', csrf: 'guess' },
      headers: { origin: 'https://attacker.example' },
    });
    expect(crossSite.status()).toBe(403);
    expect((await suite.runtime.deps.store.getFailedMessage(parked.messageId))?.status).toBe('parked');

    await reason.fill('Hồ sơ đã được nhập lại bằng tay');
    await page.getByRole('button', { name: 'Loại bỏ' }).click();
    await page.waitForURL(/done=/);
    expect((await suite.runtime.deps.store.getFailedMessage(parked.messageId))?.status).toBe('discarded');

    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document
            .activeElement?.textContent,
      ),
    ).toContain('Bỏ qua đến nội dung');

    expect(await page.locator('main dl').innerText()).toContain('Đã loại bỏ');
    await page.goto(`${suite.runtime.urls.gateway}/admin/agency-codes`);
    await shot(page, '11-agency-codes');

    // The English console stays English: the same values in English words.
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`${suite.runtime.urls.gateway}/admin`);
    await page.goto(`${suite.runtime.urls.gateway}/admin/failed/${parked.messageId}`);
    const english = await page.locator('main').innerText();
    expect(english).toContain('Message id');
    expect(english).toContain('Discarded');
    expect(english).toContain('Dossier sync');
    await shot(page, '12-message-detail-en', 'en');
    await page.getByRole('link', { name: 'Tiếng Việt' }).click();
    await page.close();
  }, 90_000);

  it('sets secure session cookies and a script-free content security policy', async () => {
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${suite.runtime.urls.gateway}/admin/login`);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('script-src');
    await signIn(page);
    const [cookie] = (await context.cookies()).filter((candidate) => candidate.name === 'lt_admin');
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/admin' });
    await context.close();
  }, 60_000);
});
