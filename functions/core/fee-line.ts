import type { z } from 'zod';
import type { feeLineSchema } from '../../contracts/provincial-api';

export type FeeLine = z.infer<typeof feeLineSchema>;
