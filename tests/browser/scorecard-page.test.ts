import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, chromiumAvailable, signedInPage, startsChromiumBeside } from '../support/browser';
import { marchDossiersOf } from '../support/relay-dossier';
import { useTestRuntime } from '../support/test-runtime';
import { readWorkbook } from '../support/workbook';

/** The QĐ 766 scorecard page (/admin/scorecard) in Chromium, in Vietnamese first. */
const started = useTestRuntime();

const agencyCode = '000.00.51.H12';
const { code, earlyAndLate } = marchDossiersOf(
  agencyCode,
  () => started.runtime,
  () => started.token,
);

const shot = async (page: Page, name: string) => {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.screenshot({ path: join(artifactsDir, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
};

describe.runIf(chromiumAvailable)('the scorecard page in Chromium', () => {
  const suite = startsChromiumBeside(started, 90_000);
  beforeAll(async () => {
    await Promise.all(earlyAndLate());
  }, 90_000);

  it('shows the month’s indicators for an agency, a trend chart with axes, and explains one indicator', async () => {
    const page = await signedInPage(suite, 'viewer@demo');

    await page.getByRole('navigation').getByRole('link', { name: 'Chỉ số phục vụ (QĐ 766)' }).click();
    const filters = page.getByRole('form', { name: 'Chỉ số phục vụ (QĐ 766)' });
    await filters.getByLabel('Từ').fill('2025-03-01');
    await filters.getByLabel('Đến').fill('2025-03-31');
    await filters.getByLabel('Mã cơ quan').fill(agencyCode);
    await filters.getByRole('button', { name: 'Xem' }).click();

    const onTime = page.getByRole('row', { name: /^2\.1 / });
    const cells = await onTime.locator('td').allInnerTexts();
    // Title, numerator, denominator, rate: one early of two received.
    expect(cells.slice(1, 4)).toEqual(['1', '2', '50 %']);
    const chart = page.getByRole('img', { name: /2\.1/ });
    expect(await chart.getAttribute('aria-label')).toContain('03/2025: 50 %');
    expect(await chart.locator('text', { hasText: '100 %' }).count()).toBe(1);

    await onTime.getByRole('link').click();
    await page.waitForURL(/indicator=2\.1/);
    const explained = page.getByRole('row', { name: new RegExp(code(2)) });
    expect(await explained.innerText()).toContain('trễ 2 ngày làm việc');
    expect(await page.getByRole('row', { name: new RegExp(code(1)) }).count()).toBe(0);
    await shot(page, '07-scorecard');

    // The explanation list as the monthly report takes it, under its Vietnamese name.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#explain + p').getByRole('link', { name: 'Tải về (.xlsx)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Hồ sơ bị tính chỉ số 2.1 từ 01-03-2025 đến 31-03-2025.xlsx');
    const workbook = await readWorkbook(await readFile(await download.path()));
    expect(workbook.rows.slice(3).map((row) => [row[1], row[5]])).toEqual([[code(2), 'trễ 2 ngày làm việc']]);

    const explainedUrl = page.url();
    await page.getByRole('link', { name: 'English' }).click();
    await page.goto(explainedUrl);
    expect(await page.getByRole('row', { name: new RegExp(code(2)) }).innerText()).toContain(
      'late by 2 working days',
    );
    await page.close();
  }, 90_000);
});
