import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, screenshot, signedInPage, startsChromiumBeside } from '../support/browser';
import { useTestRuntime } from '../support/test-runtime';

/**
 * The citizen feedback page (issue 23) in Chromium, Vietnamese first: the simulator's sample
 * pulled through the local runtime, filtered by agency, state and overdue; the citizen's
 * personal data masked for a viewer and shown to a person holding pii:read (security).
 */
const started = useTestRuntime();

describe.runIf(chromiumAvailable)('the feedback page in Chromium', () => {
  const suite = startsChromiumBeside(started, 60_000);
  beforeAll(async () => {
    // The sample: 240118 and 240131 sent in January 2025, long overdue by now; 240152 too.
    await started.runtime.runSchedule('feedback-pull');
    const received = await started.post('/v1/feedback/240131/state', {
      eventId: 'pakn-240131-tiep-nhan',
      state: 'received',
      at: '2025-01-16T15:00:00+07:00',
      handledBy: { name: 'Trần Văn Bình' },
    });
    expect(received.status).toBe(202);
  }, 60_000);

  it('lists the feedback in Vietnamese with personal data masked for a viewer, and filters it', async () => {
    const page = await signedInPage(suite, 'viewer@demo');
    await page.getByRole('navigation').getByRole('link', { name: 'Phản ánh, kiến nghị' }).click();

    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('Phản ánh, kiến nghị');
    const row = page.getByRole('row', { name: /240118/ });
    const text = await row.innerText();
    expect(text).toContain('Chậm trả kết quả đăng ký khai sinh');
    expect(text).toContain('Chờ tiếp nhận');
    expect(text).toContain('Quá hạn');
    expect(text).not.toContain('Lê Văn Cường');
    expect(text).not.toContain('0912345678');
    expect(text).not.toContain('cuong.le@example.vn');
    expect(text).toContain('09******78');
    await expect.poll(() => page.getByText('Thông tin cá nhân được che').count()).toBe(1);
    await screenshot(page, 'feedback-masked');

    await page.getByLabel('Trạng thái').selectOption({ label: 'Đã tiếp nhận' });
    await page.getByRole('button', { name: 'Lọc' }).click();
    const rows = page.getByRole('row');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(1).innerText()).toContain('240131');

    await page.getByLabel('Trạng thái').selectOption({ label: 'Tất cả' });
    await page.getByLabel('Mã cơ quan').fill('000.34.12.H12');
    await page.getByLabel('Chỉ phản ánh quá hạn').check();
    await page.getByRole('button', { name: 'Lọc' }).click();
    expect(await page.getByRole('row').count()).toBe(2);
    expect(await page.getByRole('row').nth(1).innerText()).toContain('240152');
    await page.close();
  }, 60_000);

  it('shows the citizen’s name, phone and email to a person holding pii:read', async () => {
    const page = await signedInPage(suite, 'security@demo');
    await page.goto(`${started.runtime.urls.gateway}/admin/feedback?agency=000.00.12.H12`);
    const text = await page.getByRole('row', { name: /240118/ }).innerText();
    expect(text).toContain('Lê Văn Cường');
    expect(text).toContain('0912345678');
    expect(text).toContain('cuong.le@example.vn');
    expect(await page.getByText('Thông tin cá nhân được che').count()).toBe(0);
    await page.close();
  }, 60_000);
});
