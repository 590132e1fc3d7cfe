import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../../functions/core/gateway-error';
import { createLogger } from '../../../functions/wiring/create-logger';
import { captureOutput } from '../../support/captured-output';

let output: ReturnType<typeof captureOutput> | undefined;
afterEach(() => output?.restore());

describe('the gateway logger', () => {
  it('writes Powertools JSON lines with personal data masked in the message, attributes and errors', () => {
    output = captureOutput();
    const logger = createLogger({ logLevel: 'DEBUG', stage: 'test' });
    logger.info('lookup for 001203004567 failed', {
      dossierCode: '000.00.12.H12-250314-0007',
      applicant: { name: 'Nguyễn Văn An', phone: '0912345678', email: 'an.nguyen@example.vn' },
    });
    logger.error(
      'delivery failed',
      new GatewayError('province.rejected', 'refused SoDienThoai 0912345678', {
        details: { ChuHoSo: 'Nguyễn Văn An' },
      }),
    );
    output.restore();

    const lines = output.lines().map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 'INFO',
      service: 'lien-thong-gateway',
      stage: 'test',
      message: 'lookup for ***567 failed',
      dossierCode: '000.00.12.H12-250314-0007',
      applicant: { name: '***', phone: '***678', email: '***' },
    });
    expect(lines[1]).toMatchObject({
      level: 'ERROR',
      error: { name: 'GatewayError', message: 'refused SoDienThoai ***678', details: { ChuHoSo: '***' } },
    });
    expect(output.text()).not.toMatch(/001203004567|0912345678|an\.nguyen@example\.vn|Nguyễn Văn An/);
  });
});
