import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, signedInPage, startsChromiumBeside } from '../support/browser';
import { aDossier } from '../support/fixtures';
import { callGateway, useTestRuntime } from '../support/test-runtime';

/**
 * The console's catalogue, mapping and unmapped-code pages in Chromium (issue 21 item 6): a
 * refused dossier's code shows on the administrator's to-do list with its dossier count; a
 * security officer maps it from there (a wrong national code comes back with the closest
 * entries) and it leaves the list; a file imports; a viewer reads but edits nothing.
 */
const started = useTestRuntime();

describe.runIf(chromiumAvailable)('the catalogue and mapping pages', () => {
  const suite = startsChromiumBeside(started, 90_000);
  beforeAll(async () => {
    const refreshed = await callGateway(
      started.runtime,
      started.admin,
      'POST',
      '/v1/admin/catalogue-refreshes',
      {},
    );
    expect(refreshed.status).toBe(201);
    for (const serial of ['0501', '0502']) {
      const refused = await started.post(
        '/v1/dossiers',
        aDossier({ dossierCode: `000.00.12.H12-250314-${serial}`, procedureCode: '1.999005' }),
      );
      expect(refused.status).toBe(422);
    }
  }, 90_000);

  it('lets a security officer map a code from the to-do list, after which it leaves the list', async () => {
    const page = await signedInPage(suite, 'security@demo');
    await page.getByRole('navigation').getByRole('link', { name: 'Mã chưa ánh xạ' }).click();
    const row = page.getByRole('row', { name: /1\.999005/ });
    expect(await row.innerText()).toMatch(/1\.999005\s+Thủ tục hành chính\s+2/);

    await row.getByRole('link', { name: 'Ánh xạ mã này 1.999005' }).click();
    expect(await page.getByLabel('Mã địa phương').inputValue()).toBe('1.999005');
    await page.getByLabel('Mã quốc gia').fill('1.010799');
    await page.getByLabel('Tên quốc gia').fill('dang ky khai sinh');
    await page.getByRole('button', { name: 'Lưu ánh xạ' }).click();
    const alert = await page.getByRole('alert').innerText();
    expect(alert).toContain('không có mã 1.010799');
    expect(alert).toContain('1.010708.000.00.00.H12 Đăng ký khai sinh');
    expect(await page.getByLabel('Mã địa phương').inputValue()).toBe('1.999005');

    await page.getByLabel('Mã quốc gia').fill('1.010708.000.00.00.H12');
    await page.getByRole('button', { name: 'Lưu ánh xạ' }).click();
    expect(await page.getByRole('status').innerText()).toContain('1.999005 → 1.010708.000.00.00.H12');
    expect(await page.getByRole('table').innerText()).toContain('1.999005');

    await page.getByRole('navigation').getByRole('link', { name: 'Mã chưa ánh xạ' }).click();
    expect(await page.locator('main').innerText()).not.toContain('1.999005');
    // And the province's next dossier under the code goes through.
    const accepted = await started.post(
      '/v1/dossiers',
      aDossier({ dossierCode: '000.00.12.H12-250314-0501', procedureCode: '1.999005' }),
    );
    expect(accepted.status).toBe(202);
  });

  it('imports a mapping file, then deletes a mapping', async () => {
    const page = await signedInPage(suite, 'security@demo');
    await page.goto(`${started.runtime.urls.gateway}/admin/mappings?kind=fields`);
    const file = join(mkdtempSync(join(tmpdir(), 'mappings-')), 'linh-vuc.csv');
    writeFileSync(file, 'localCode,nationalCode,nationalName\nLV-HT,G03-HT01,Hộ tịch\nLV-CT,G03-CT01,\n');
    await page.getByLabel('Tệp ánh xạ', { exact: true }).setInputFiles(file);
    await page.getByLabel('Chỉ kiểm tra, chưa lưu').uncheck();
    await page.getByRole('button', { name: 'Nhập tệp', exact: true }).click();
    expect(await page.getByRole('status').innerText()).toContain('Đã lưu tất cả các dòng');
    expect(await page.locator('dl.facts').innerText()).toMatch(/Thêm mới\s+2/);

    await page.getByRole('link', { name: 'Về bảng ánh xạ' }).click();
    expect(await page.getByRole('table').innerText()).toContain('LV-HT');
    await page.getByRole('button', { name: 'Xóa ánh xạ LV-HT' }).click();
    expect(await page.getByRole('table').innerText()).not.toContain('LV-HT');
    expect(await page.getByRole('table').innerText()).toContain('LV-CT');
  });

  it('searches the catalogue by words without accents, in Vietnamese and in English', async () => {
    const page = await signedInPage(suite, 'viewer@demo');
    await page.getByRole('navigation').getByRole('link', { name: 'Danh mục quốc gia' }).click();
    await page.getByLabel('Danh mục').selectOption('fields');
    await page.getByLabel('Mã hoặc tên (không cần dấu)').fill('ho tich');
    await page.getByRole('button', { name: 'Tìm' }).click();
    expect(await page.getByRole('table').innerText()).toContain('G03-HT01');

    await page.goto(`${started.runtime.urls.gateway}/admin/language?to=en`);
    await page.goto(`${started.runtime.urls.gateway}/admin/mappings?kind=fields`);
    expect(await page.locator('h2').first().innerText()).toBe('Code mappings — Fields');
    // A viewer reads the table but has no form to change it.
    expect(await page.getByRole('button', { name: 'Save the mapping' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Delete the mapping/ }).count()).toBe(0);
  });
});
