import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/start-local-runtime';
import { artifactsDir, chromiumAvailable, launchChromium } from '../support/browser';
import { aDossier } from '../support/fixtures';
import { aStatusChange } from '../support/national-fixtures';
import { nationalTimeline, setFaults } from '../support/receiver';
import { eventually, startTestRuntime, tokenFor } from '../support/test-runtime';

if (!chromiumAvailable) {
  // Visible on purpose: CI installs Chromium (.ci/run), so only a bare developer machine skips.
  process.stderr.write('\n[browser tests] /usr/bin/chromium not found: skipping the admin console tests\n\n');
}

let runtime: LocalRuntime;
let browser: Browser;
let provinceToken: string;

const shot = async (page: Page, name: string) => {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.screenshot({ path: join(artifactsDir, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
};

async function parkDuringOutage(): Promise<{ dossierCode: string; messageId: string }> {
  const dossier = aDossier();
  const response = await fetch(`${runtime.urls.gateway}/v1/dossiers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${provinceToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(dossier),
  });
  expect(response.status).toBe(202);
  const { messageId } = (await response.json()) as { messageId: string };
  await eventually(
    async () =>
      (await runtime.deps.store.getFailedMessage(messageId))?.status === 'parked' ? true : undefined,
    30_000,
  );
  return { dossierCode: dossier.dossierCode, messageId };
}

async function signIn(page: Page) {
  await page.goto(`${runtime.urls.gateway}/admin`);
  await page.getByLabel('Mã ứng dụng quản trị').fill('demo-admin');
  await page.getByLabel('Mật khẩu ứng dụng').fill('demo-admin-secret');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(`${runtime.urls.gateway}/admin`);
}

describe.runIf(chromiumAvailable)('admin console in Chromium', () => {
  beforeAll(async () => {
    // Two receives before the dead-letter queue: an outage parks a message within seconds.
    runtime = await startTestRuntime(null, { maxReceiveCount: 2 });
    provinceToken = await tokenFor(runtime);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  it('lets an admin find a message parked by an outage, replay it, and see it delivered', async () => {
    await setFaults(runtime.urls.nationalPortal, { down: true });
    const parked = await parkDuringOutage();
    await setFaults(runtime.urls.nationalPortal, {});

    const page = await browser.newPage();
    await page.goto(`${runtime.urls.gateway}/admin`);
    await expect(page.getByRole('button', { name: 'Đăng nhập' })).toBeDefined();
    expect(page.url()).toContain('/admin/login');
    await shot(page, '01-login');
    await signIn(page);

    const nationalRow = page.getByRole('row', { name: /to-national\.fifo/ });
    expect(await nationalRow.locator('td').nth(3).innerText()).toBe('1');
    await shot(page, '02-dashboard');

    await page.getByRole('link', { name: 'Tin lỗi' }).click();
    await page.getByLabel('Mã hồ sơ').fill(parked.dossierCode);
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('Hết lượt thử');
    await shot(page, '03-failed-list');

    await rows.first().getByRole('link').last().click();
    expect(page.url()).toContain(`/admin/failed/${parked.messageId}`);
    expect(await page.locator('main').innerText()).toContain('Dữ liệu cá nhân đã được che');
    expect(await page.locator('pre.json').innerText()).not.toContain('001203004567');
    await shot(page, '04-message-detail');

    await page.getByRole('button', { name: 'Gửi lại', exact: true }).click();
    await page.waitForURL(/done=/);
    expect(await page.getByRole('status').innerText()).toContain('Đã thực hiện');
    const delivered = await eventually(async () => {
      const timeline = await nationalTimeline(runtime.urls.nationalPortal, parked.dossierCode);
      return timeline.length > 0 ? timeline : undefined;
    });
    expect(delivered).toEqual(['sync:2']);

    await page.getByRole('link', { name: 'Nhật ký thao tác' }).click();
    const audit = await page.locator('tbody').innerText();
    expect(audit).toContain('failedMessage.replay');
    expect(audit).toContain('demo-admin');
    await shot(page, '05-audit');

    await page.goto(`${runtime.urls.gateway}/admin/dossiers?code=${parked.dossierCode}`);
    const timeline = await page.locator('tbody').innerText();
    expect(timeline).toContain('replayed');
    expect(timeline).toContain('delivered');
    await shot(page, '06-dossier-timeline');

    await page.close();
  }, 90_000);

  it('lists a dossier the portal lost an update of, and re-syncs it with one click', async () => {
    const dossier = aDossier();
    const post = (path: string, body: unknown) =>
      fetch(`${runtime.urls.gateway}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${provinceToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const delivered = (sequence: number) =>
      eventually(async () =>
        (await runtime.deps.store.getDeliveryProgress('national', dossier.dossierCode)).deliveredSequence >=
        sequence
          ? true
          : undefined,
      );
    expect((await post('/v1/dossiers', dossier)).status).toBe(202);
    await delivered(1);
    await fetch(`${runtime.urls.nationalPortal}/_sim/silent-drops`, {
      method: 'POST',
      body: JSON.stringify({ MaHoSo: dossier.dossierCode, count: 1 }),
    });
    expect(
      (await post(`/v1/dossiers/${dossier.dossierCode}/status`, aStatusChange('b-1', 'processing', 5)))
        .status,
    ).toBe(202);
    await delivered(2);
    await runtime.runSchedule('drift-check');

    const page = await browser.newPage();
    await signIn(page);
    await page.getByRole('link', { name: 'Sai lệch với Cổng DVCQG' }).click();
    const row = page.getByRole('row', { name: new RegExp(dossier.dossierCode.replace(/\./g, '\\.')) });
    expect(await row.innerText()).toContain('Đang sai lệch');
    await shot(page, '08-drift');
    await row.getByRole('button', { name: `Đồng bộ lại ${dossier.dossierCode}` }).click();
    await page.waitForURL(/\/admin\/drift/);
    await eventually(async () =>
      runtime.simulators.nationalPortal.dossiers.get(dossier.dossierCode)?.TrangThaiHoSo === '4'
        ? true
        : undefined,
    );
    await runtime.runSchedule('drift-check');
    await page.goto(`${runtime.urls.gateway}/admin/drift?state=resolved`);
    expect(
      await page
        .getByRole('row', { name: new RegExp(dossier.dossierCode.replace(/\./g, '\\.')) })
        .innerText(),
    ).toContain('Đã khớp');
    await page.close();
  }, 90_000);

  it('asks for a reason before discarding, and refuses a forged form', async () => {
    await setFaults(runtime.urls.nationalPortal, { down: true });
    const parked = await parkDuringOutage();
    await setFaults(runtime.urls.nationalPortal, {});
    const page = await browser.newPage();
    await signIn(page);
    await page.goto(`${runtime.urls.gateway}/admin/failed/${parked.messageId}`);

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
    const discardUrl = `${runtime.urls.gateway}/admin/failed/${parked.messageId}/discard`;
    const withOrigin = await page.request.post(discardUrl, {
      form: { reason: 'forged by a script' },
      headers: { origin: runtime.urls.gateway },
    });
    expect(withOrigin.status(), await withOrigin.text()).toBe(403);
    const crossSite = await page.request.post(discardUrl, {
      form: { reason: 'forged by a script', csrf: 'guess' },
      headers: { origin: 'https://attacker.example' },
    });
    expect(crossSite.status()).toBe(403);
    expect((await runtime.deps.store.getFailedMessage(parked.messageId))?.status).toBe('parked');

    await reason.fill('Hồ sơ đã được nhập lại bằng tay');
    await page.getByRole('button', { name: 'Loại bỏ' }).click();
    await page.waitForURL(/done=/);
    expect((await runtime.deps.store.getFailedMessage(parked.messageId))?.status).toBe('discarded');

    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document
            .activeElement?.textContent,
      ),
    ).toContain('Bỏ qua đến nội dung');
    await page.close();
  }, 90_000);

  it('sets secure session cookies and a script-free content security policy', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${runtime.urls.gateway}/admin/login`);
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
