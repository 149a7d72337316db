import { z } from 'zod';
import { operation } from './operation';
import { pin } from './fields';
import { checkPeriod, periodFields } from '../analytics/period';
import { rfmSegments } from '../analytics/rfm';
import type { AnalyticsOverview, SegmentMember } from '../analytics/report';

/** A tier id as the program spells them (see shared/program.ts). */
const tierId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, { message: 'must be a tier id' })
  .nullable();

const period = { ...periodFields, tierId };

export const analyticsOperations = {
  /**
   * Loyalty figures for this store over whole days `from`–`to` in the shop's time zone, for every
   * member or those holding one tier at the period end. Reads only.
   */
  'analytics.overview': operation<AnalyticsOverview>()(
    z.strictObject({ ...period, managerPin: pin.optional() }).superRefine(checkPeriod),
    'manager',
  ),
  /** The members of one RFM segment, highest monetary score first: the drill-down list. */
  'analytics.segmentMembers': operation<{ members: SegmentMember[]; total: number }>()(
    z
      .strictObject({
        ...period,
        segment: z.enum(rfmSegments),
        limit: z.number().int().min(1).max(500).optional(),
        managerPin: pin.optional(),
      })
      .superRefine(checkPeriod),
    'manager',
  ),
};
