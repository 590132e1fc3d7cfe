import { describe, expect, it } from 'vitest';
import { tokenResponse } from '../../infra/local/demo-client';
import {
  type BrowserSuite,
  chromiumAvailable,
  signedInPage,
  startsRuntimeAndChromium,
} from '../support/browser';
import { startTestRuntime } from '../support/test-runtime';

/** The runtime and Chromium of this file's suite, there once startsRuntimeAndChromium has started them. */
const suite = {} as BrowserSuite;

/**
 * The console's connected-systems page in Chromium (issue 19 item 8): a security officer
 * registers a system, reads its secret once, rotates it and disables the system; lower roles
 * neither see the page in the navigation nor open it.
 */

const tokenStatus = async (clientId: string, secret: string) => {
  const response = await tokenResponse(suite.runtime.urls.gateway, clientId, secret);
  await response.body?.cancel();
  return response.status;
};

describe.runIf(chromiumAvailable)('the connected-systems page', () => {
  startsRuntimeAndChromium(suite, () => startTestRuntime(null), 90_000);

  it('lets a security officer register a system, read its secret once, rotate it and disable it', async () => {
    const page = await signedInPage(suite, 'security@demo');
    await page.getByRole('link', { name: 'Hệ thống kết nối' }).click();
    expect(await page.getByRole('table').innerText()).toContain('demo-province');

    await page.getByLabel('Tên hệ thống').fill('Một cửa điện tử tỉnh H56');
    await page.getByLabel('Loại').selectOption('province');
    await page.getByLabel('Mã cơ quan được giao').fill('*.H56');
    await page.getByRole('button', { name: 'Đăng ký hệ thống' }).click();
    expect(await page.getByRole('alert').innerText()).toContain('chỉ hiện một lần');
    const systemId = await page.locator('dd code').first().innerText();
    const secret = await page.locator('[data-secret=client]').innerText();
    expect(await page.locator('[data-secret=webhook]').innerText()).toMatch(/^whsec_/);
    expect(await tokenStatus(systemId, secret)).toBe(200);

    await page.getByRole('link', { name: 'Về trang hệ thống' }).click();
    expect(await page.locator('body').innerText()).not.toContain(secret);
    await page.getByRole('button', { name: 'Cấp khóa bí mật mới' }).click();
    const rotated = await page.locator('[data-secret=client]').innerText();
    expect(rotated).not.toBe(secret);
    expect(await tokenStatus(systemId, secret)).toBe(200);
    expect(await tokenStatus(systemId, rotated)).toBe(200);

    await page.getByRole('link', { name: 'Về trang hệ thống' }).click();
    await page.getByRole('button', { name: 'Vô hiệu hóa' }).click();
    expect(await page.locator('dl.facts').innerText()).toContain('Đã vô hiệu hóa');
    expect(await tokenStatus(systemId, rotated)).toBe(401);
    const listed = await page.request.get(`${suite.runtime.urls.gateway}/admin/systems`);
    expect(await listed.text()).not.toMatch(/whsec_|scrypt|gcm1\./);
  });

  it('hides the page from an operator and refuses it', async () => {
    const page = await signedInPage(suite, 'operator@demo');
    expect(await page.getByRole('navigation').innerText()).not.toContain('Hệ thống kết nối');
    const response = await page.goto(`${suite.runtime.urls.gateway}/admin/systems`);
    expect(response?.status()).toBe(403);
  });

  it("shows a viewer only the pages a viewer's role opens (each link's role is its route policy's)", async () => {
    const page = await signedInPage(suite, 'viewer@demo');
    const links = await page.getByRole('navigation').innerText();
    expect(links).toContain('Gửi đến hệ thống');
    expect(links).not.toContain('Đồng bộ lại hồ sơ');
    const response = await page.goto(`${suite.runtime.urls.gateway}/admin/resync`);
    expect(response?.status()).toBe(403);
  });
});
