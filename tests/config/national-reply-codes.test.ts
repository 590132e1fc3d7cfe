import { describe, expect, it } from 'vitest';
import nationalReplyCodesFile from '../../config/national-reply-codes.json' with { type: 'json' };
import { nationalReplyCodesFileSchema } from '../../contracts/national-portal';
import { defaultRejectedCodes } from '../../functions/adapters/raise-national-error';

describe('config/national-reply-codes.json', () => {
  it('is readable and starts as DOMAIN.md lists the codes that park a record ([inferred] LGSP-level codes)', () => {
    const file = nationalReplyCodesFileSchema.parse(nationalReplyCodesFile);

    expect([...file.rejected].sort()).toEqual([...defaultRejectedCodes].sort());
  });

  it('refuses a code that is not a whole number, naming where', () => {
    const parsed = nationalReplyCodesFileSchema.safeParse({ rejected: [106, '108'] });

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['rejected', 1]);
  });
});
