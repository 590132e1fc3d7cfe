import { describe, expect, it } from 'vitest';
import { chromiumAvailable, screenshot, signedInPage, startsChromiumBeside } from '../support/browser';
import { aDossier } from '../support/fixtures';
import { received } from '../support/receiver';
import { callGateway, eventually, useTestRuntime } from '../support/test-runtime';

/** A connected system's page and the re-sync form (issue 19) in Chromium, in Vietnamese first. */
const started = useTestRuntime();

describe.runIf(chromiumAvailable)('endpoint operations in Chromium', () => {
  const suite = startsChromiumBeside(started, 60_000);

  it('sends a test event, pauses and resumes a system, and the dashboard shows the pause', async () => {
    const page = await signedInPage(suite, 'operator@demo');

    await page.getByRole('navigation').getByRole('link', { name: 'Gửi đến hệ thống' }).click();
    await page.getByRole('link', { name: 'demo-province' }).click();
    await page.getByRole('button', { name: 'Gửi sự kiện thử' }).click();
    await expect
      .poll(() => page.getByRole('status').first().innerText())
      .toContain('Kết quả sự kiện thử: Đã nhận');
    const pings = (await received<{ type: string }>(started.runtime.urls.province)).filter(
      (request) => request.body.type === 'ping',
    );
    expect(pings).toHaveLength(1);
    const firstRow = page.getByRole('row').nth(1);
    expect(await firstRow.innerText()).toContain('ping');

    await page.getByRole('button', { name: 'Tạm dừng gửi' }).click();
    expect(await page.locator('[data-endpoint-state]').getAttribute('data-endpoint-state')).toBe('paused');
    await screenshot(page, 'endpoint-paused');
    await page.getByRole('navigation').getByRole('link', { name: 'Tổng quan' }).click();
    const onDashboard = page.getByRole('row', { name: /demo-province/ });
    expect(await onDashboard.innerText()).toContain('Tạm dừng từ');

    await onDashboard.getByRole('link', { name: 'demo-province' }).click();
    await page.getByRole('button', { name: 'Tiếp tục gửi' }).click();
    expect(await page.locator('[data-endpoint-state]').getAttribute('data-endpoint-state')).toBe('running');
    await page.close();
  }, 60_000);

  it('re-syncs a dossier: a dry run counts, the run sends', async () => {
    const dossier = aDossier({ dossierCode: '000.00.12.H12-250314-0811' });
    expect((await started.post('/v1/dossiers', dossier)).status).toBe(202);
    await eventually(async () => {
      const view = (await (
        await callGateway(started.runtime, started.admin, 'GET', `/v1/admin/dossiers/${dossier.dossierCode}`)
      ).json()) as { sync?: { state: string } };
      return view.sync?.state === 'synced' ? true : undefined;
    });
    const page = await signedInPage(suite, 'operator@demo');
    await page.getByRole('navigation').getByRole('link', { name: 'Đồng bộ lại hồ sơ' }).click();
    const form = page.getByRole('form', { name: 'Đồng bộ lại hồ sơ' });

    await form
      .getByLabel('Mã hồ sơ (mỗi dòng một mã)')
      .fill(`${dossier.dossierCode}\n000.00.12.H12-250314-0812`);
    await form.getByRole('button', { name: 'Đồng bộ lại hồ sơ' }).click();
    const result = page.locator('[data-resync-result]');
    expect(await result.innerText()).toContain('1 hồ sơ khớp');
    expect(await result.innerText()).toContain('000.00.12.H12-250314-0812');

    await form.getByLabel('Chỉ đếm, chưa gửi').uncheck();
    await form.getByRole('button', { name: 'Đồng bộ lại hồ sơ' }).click();
    expect(await result.innerText()).toContain('1 hồ sơ đã gửi lại');
    await screenshot(page, 'resync-sent');

    await form.getByLabel('Mã hồ sơ (mỗi dòng một mã)').fill('không-phải-mã');
    await form.getByRole('button', { name: 'Đồng bộ lại hồ sơ' }).click();
    expect(await page.getByRole('alert').innerText()).toContain('$.dossierCodes[0]');
    await page.close();
  }, 60_000);
});
