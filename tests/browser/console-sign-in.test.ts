import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_FAILURES_BEFORE_WAIT } from '../../infra/local/embedded-identity-provider';
import {
  type BrowserSuite,
  chromiumAvailable,
  signInAs,
  startsRuntimeAndChromium,
  submitIdentityProviderForm,
} from '../support/browser';
import { signInWithoutFollowing } from '../support/console-sign-in';
import { parkDuringOutage, startParkingQuickly } from '../support/parked-message';
import { tokenFor } from '../support/test-runtime';

/** The runtime and Chromium of this file's suite, there once startsRuntimeAndChromium has started them. */
const suite = {} as BrowserSuite;

/**
 * People sign in to the console through the embedded OpenID provider (DESIGN.md "Operators are
 * people"): each role can do what it may and no more, every attempt is audited under the person,
 * and what an attacker can bring (a forged or expired session, a wrong state or nonce, a code
 * used twice, an API client's token) opens nothing.
 */

let parked: { dossierCode: string; messageId: string };

async function personIn(login: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await signInAs(page, suite.runtime.urls.gateway, login);
  return { context, page };
}

/** The page's CSRF token, as a form of the signed-in page carries it. */
const csrfOf = (page: Page) => page.locator('input[name=csrf]').first().inputValue();

async function auditEntries() {
  return (await suite.runtime.deps.audit.list({ limit: 200 })).items;
}

describe.runIf(chromiumAvailable)('console sign-in through the identity provider', () => {
  startsRuntimeAndChromium(suite, startParkingQuickly, 90_000);
  beforeAll(async () => {
    parked = await parkDuringOutage(suite.runtime);
  }, 90_000);

  it('lets a viewer read with personal data masked, and refuses a viewer every action', async () => {
    const { context, page } = await personIn('viewer@demo');
    expect(await page.locator('.who').innerText()).toContain('Nguyễn Thị Xem');
    await page.goto(`${suite.runtime.urls.gateway}/admin/failed/${parked.messageId}`);
    expect(await page.locator('pre.json').innerText()).not.toContain('001203004567');

    const csrf = await csrfOf(page);
    const replay = await page.request.post(
      `${suite.runtime.urls.gateway}/admin/failed/${parked.messageId}/replay`,
      { form: { csrf }, headers: { origin: suite.runtime.urls.gateway } },
    );
    expect(replay.status()).toBe(403);
    const discard = await page.request.post(
      `${suite.runtime.urls.gateway}/admin/failed/${parked.messageId}/discard`,
      { form: { csrf, reason: 'viewer tries' }, headers: { origin: suite.runtime.urls.gateway } },
    );
    expect(discard.status()).toBe(403);
    expect((await suite.runtime.deps.store.getFailedMessage(parked.messageId))?.status).toBe('parked');
    expect(await auditEntries()).toContainEqual(
      expect.objectContaining({
        action: 'console.signIn',
        actor: { type: 'person', subject: 'viewer@demo', name: 'Nguyễn Thị Xem' },
      }),
    );
    await context.close();
  }, 90_000);

  it('lets a security officer see personal data that an operator sees masked', async () => {
    const operator = await personIn('operator@demo');
    await operator.page.goto(`${suite.runtime.urls.gateway}/admin/failed/${parked.messageId}`);
    expect(await operator.page.locator('pre.json').innerText()).not.toContain('001203004567');
    // Replaying with an edited payload is the security officer's: the operator is refused it.
    const edited = await operator.page.request.post(
      `${suite.runtime.urls.gateway}/admin/failed/${parked.messageId}/replay`,
      {
        form: { csrf: await csrfOf(operator.page), payload: '{"edited":true}' },
        headers: { origin: suite.runtime.urls.gateway },
      },
    );
    expect(edited.status()).toBe(403);
    expect((await suite.runtime.deps.store.getFailedMessage(parked.messageId))?.status).toBe('parked');
    await operator.context.close();

    const security = await personIn('security@demo');
    await security.page.goto(`${suite.runtime.urls.gateway}/admin/failed/${parked.messageId}`);
    expect(await security.page.locator('pre.json').innerText()).toContain('001203004567');
    await security.context.close();
  }, 90_000);

  it('lets an operator discard, audited under the operator, and filters and exports the audit log', async () => {
    const second = await parkDuringOutage(suite.runtime);
    const { context, page } = await personIn('operator@demo');
    await page.goto(`${suite.runtime.urls.gateway}/admin/failed/${second.messageId}`);
    await page.getByLabel('Lý do loại bỏ (bắt buộc)').fill('Hồ sơ đã được nhập lại bằng tay');
    await page.getByRole('button', { name: 'Loại bỏ' }).click();
    await page.waitForURL(/done=/);
    expect((await suite.runtime.deps.store.getFailedMessage(second.messageId))?.status).toBe('discarded');

    await page.goto(
      `${suite.runtime.urls.gateway}/admin/audit?actor=operator%40demo&action=failedMessage.discard`,
    );
    expect(await page.locator('tbody').innerText()).toContain('Trần Văn Vận Hành (operator@demo)');
    expect(await page.locator('tbody tr').count()).toBe(1);

    const csv = await page.request.get(
      `${suite.runtime.urls.gateway}/admin/audit.csv?actor=operator%40demo&action=failedMessage.discard`,
    );
    expect(csv.headers()['content-type']).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('Người thực hiện / Actor');
    expect(lines[1]).toContain('"operator@demo"');
    expect(lines[1]).toContain(second.messageId);
    await context.close();
  }, 120_000);

  it('ends the session at sign-out, here and at the identity provider', async () => {
    const { context, page } = await personIn('viewer@demo');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    // The provider asks to confirm its own sign-out, then sends the browser back.
    await page.getByRole('button', { name: /Đăng xuất/ }).click();
    await page.waitForURL(/\/admin\/login\?notice=signed-out/);
    expect((await context.cookies()).some((cookie) => cookie.name === 'lt_admin')).toBe(false);
    // Signing in again asks for the password: the provider's session ended too.
    await page.getByRole('button', { name: /Đăng nhập bằng tài khoản cơ quan/ }).click();
    expect(await page.getByLabel(/Mật khẩu/).count()).toBe(1);
    await context.close();
  }, 90_000);

  it('refuses a forged session, an expired one, and an API client’s token', async () => {
    const { context } = await personIn('security@demo');
    const [session] = (await context.cookies()).filter((cookie) => cookie.name === 'lt_admin');
    const token = session?.value ?? '';
    const [header, payload] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    const tampered = Buffer.from(
      JSON.stringify({ ...claims, roles: ['security'], exp: 4_102_444_800 }),
    ).toString('base64url');
    const expired = Buffer.from(JSON.stringify({ ...claims, exp: 1_000_000_000 })).toString('base64url');
    const adminClient = await tokenFor(suite.runtime, 'demo-admin', 'demo-admin-secret');
    for (const cookie of [
      `${header}.${tampered}.${token.split('.')[2]}`,
      `${header}.${expired}.${token.split('.')[2]}`,
      adminClient,
    ]) {
      const response = await fetch(`${suite.runtime.urls.gateway}/admin/audit`, {
        headers: { cookie: `lt_admin=${cookie}` },
        redirect: 'manual',
      });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/admin/login');
    }
    await context.close();
  }, 90_000);

  it('refuses a callback whose state does not match, a code used twice, and an ID token with another nonce', async () => {
    const refusedWith = async (callback: string, transaction: string) => {
      const response = await fetch(callback, {
        headers: { cookie: `lt_signin=${transaction}` },
        redirect: 'manual',
      });
      expect(response.status, callback).toBe(400);
      expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith('lt_admin='))).toBe(false);
    };
    const first = await signInWithoutFollowing(suite.runtime.urls.gateway, 'operator@demo');

    const wrongState = new URL(first.callback);
    wrongState.searchParams.set('state', 'not-the-state-this-browser-sent');
    await refusedWith(wrongState.href, first.transaction);

    // The first code with the second sign-in's transaction, its state copied in: the state now
    // matches, but the ID token carries the first sign-in's nonce (and the code its challenge).
    const second = await signInWithoutFollowing(suite.runtime.urls.gateway, 'operator@demo');
    const kept = JSON.parse(Buffer.from(second.transaction, 'base64url').toString()) as Record<
      string,
      string
    >;
    const firstKept = JSON.parse(Buffer.from(first.transaction, 'base64url').toString()) as Record<
      string,
      string
    >;
    const otherNonce = Buffer.from(JSON.stringify({ ...firstKept, nonce: kept.nonce })).toString('base64url');
    await refusedWith(first.callback, otherNonce);

    // The second sign-in goes through once; the same code and transaction a second time do not.
    const accepted = await fetch(second.callback, {
      headers: { cookie: `lt_signin=${second.transaction}` },
      redirect: 'manual',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.headers.getSetCookie().some((cookie) => cookie.startsWith('lt_admin='))).toBe(true);
    await refusedWith(second.callback, second.transaction);

    const failures = (await auditEntries()).filter((entry) => entry.action === 'console.signInFailed');
    expect(failures.filter((entry) => entry.actor.type === 'anonymous').length).toBeGreaterThanOrEqual(3);
  }, 90_000);

  it('slows repeated failures for one account, and audits them under the account', async () => {
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${suite.runtime.urls.gateway}/admin/login`);
    await page.getByRole('button', { name: /Đăng nhập bằng tài khoản cơ quan/ }).click();
    for (let attempt = 0; attempt < ACCOUNT_FAILURES_BEFORE_WAIT; attempt += 1) {
      await submitIdentityProviderForm(page, 'viewer@demo', 'wrong');
      expect(await page.getByRole('alert').innerText()).toContain('Sai tên đăng nhập hoặc mật khẩu');
    }
    // Now even the right password waits: the account, not the address, is slowed down.
    await submitIdentityProviderForm(page, 'viewer@demo', 'demo');
    expect(await page.getByRole('alert').innerText()).toContain('Quá nhiều lần sai');
    expect(page.url()).not.toContain('/admin');
    const failures = (await auditEntries()).filter(
      (entry) =>
        entry.action === 'console.signInFailed' &&
        entry.actor.type === 'person' &&
        entry.actor.subject === 'viewer@demo',
    );
    expect(failures.map((entry) => entry.reason)).toEqual([
      'slowedDown',
      ...Array(ACCOUNT_FAILURES_BEFORE_WAIT).fill('wrongPassword'),
    ]);
    await context.close();
  }, 90_000);
});
