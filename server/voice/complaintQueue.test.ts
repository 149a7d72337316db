import { beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import { complaintEvent } from '../testing/complaintEvents';
import { testDatabases } from '../testing/databases';
import { headOfficePerTest, type FreshHeadOffice } from '../testing/headOfficePerTest';
import { complaintEventsOf, appendComplaintEvents } from './complaintLedger';

/** Head office's complaint desk refuses a step that would change nothing, as a till does. */
describe.each(testDatabases)('complaint steps at head office on $name', (testDb) => {
  const office = headOfficePerTest(testDb);
  let fresh: FreshHeadOffice;
  let complaintId: string;

  beforeEach(async () => {
    fresh = await office.fresh(Date.parse('2026-11-02T02:00:00.000Z'));
    complaintId = uuidv7();
    const opened = complaintEvent({
      complaintId,
      kind: 'opened',
      at: '2026-11-02T01:00:00.000Z',
      hlc: '001793588400000-00000-t',
      till: { storeId: uuidv7(), terminalId: uuidv7() },
    });
    await fresh.db.transaction((tx) =>
      appendComplaintEvents(tx, [opened], '2026-11-02T01:00:00.000Z', null),
    );
  });

  const step = (kind: 'resolved' | 'closed' | 'reopened' | 'acknowledged') =>
    fresh.headOffice.admin.stepComplaint('Ms Service', complaintId, { step: kind, note: '' });

  it('takes the steps that apply and refuses the rest, writing nothing for them', async () => {
    const refused = async (kind: Parameters<typeof step>[0], status: string) => {
      const before = (await complaintEventsOf(fresh.db, complaintId)).length;
      const outcome = await step(kind);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.error.code).toBe('complaint_step_not_allowed');
      expect(outcome.error.details).toEqual({ status });
      expect(await complaintEventsOf(fresh.db, complaintId)).toHaveLength(before);
    };
    await refused('reopened', 'open');
    await refused('closed', 'open');
    expect((await step('acknowledged')).ok).toBe(true);
    await refused('acknowledged', 'acknowledged');
    const resolved = await step('resolved');
    expect(resolved.ok && resolved.value.complaint.status).toBe('resolved');
    await refused('resolved', 'resolved');
    expect((await step('closed')).ok).toBe(true);
    const reopened = await step('reopened');
    expect(reopened.ok && reopened.value.complaint.status).toBe('open');
    expect((await complaintEventsOf(fresh.db, complaintId)).map((e) => e.kind)).toEqual([
      'opened',
      'acknowledged',
      'resolved',
      'closed',
      'reopened',
    ]);
  });
});
