import { describe, expect, it } from 'vitest';
import { lookUpPayableFees } from '../../../functions/application/look-up-payable-fees';
import { applyPaymentEvent } from '../../../functions/application/settle-payment';
import { aCreatedPayment, acceptDossier, aPaymentWorld } from '../../support/use-case-fixtures';

/** The portal's fee look-up (DOMAIN.md): -1 unknown dossier, 0 nothing to pay, 1 payable. */

describe('looking up what a dossier must pay', () => {
  it('answers -1 for a dossier the gateway does not have', async () => {
    const reply = await lookUpPayableFees(aPaymentWorld(), '000.00.12.H12-250314-9999');

    expect(reply.error_code).toBe('-1');
  });

  it('lists the fees the dossier declares while nothing is paid', async () => {
    const world = aPaymentWorld();
    const { dossier } = await acceptDossier(world);

    const reply = await lookUpPayableFees(world, dossier.dossierCode);

    expect(reply).toMatchObject({
      error_code: '1',
      result: {
        MaHoSo: dossier.dossierCode,
        TongTien: '8000',
        DanhSachLePhi: [expect.objectContaining({ MaPhiLePhi: 'LP01', Gia: '8000' })],
      },
    });
  });

  it('lists the open payment’s lines with its reference, so the payer pays that one', async () => {
    const world = aPaymentWorld();
    const { dossier, payment } = await aCreatedPayment(world);

    const reply = await lookUpPayableFees(world, dossier.dossierCode);

    expect(reply.result).toMatchObject({ TongTien: '258000', MaThamChieu: payment.reference });
  });

  it('answers 0 once a paid payment covers the declared fees', async () => {
    const world = aPaymentWorld();
    const { dossier, payment } = await aCreatedPayment(world, {
      request: { lines: [{ code: 'LP01', name: 'Lệ phí đăng ký khai sinh', amount: 8000 }] },
    });
    await applyPaymentEvent(world, payment, 'confirmed', { source: 'callback' });

    const reply = await lookUpPayableFees(world, dossier.dossierCode);

    expect(reply.error_code).toBe('0');
  });
});
