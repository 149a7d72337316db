import { createWorld, call, COUPON_CAMPAIGN } from './world';
import { parseFaults } from './network';
import { checkInvariants } from './invariants';
import { OpLog } from './operations';
const world = await createWorld({ terminals: 2, seed: 3, faults: parseFaults('none') });
try {
  const [a, b] = world.terminals as [typeof world.terminals[0], typeof world.terminals[0]];
  for (const t of world.terminals) await t.worker.runOnce();
  const c = call(a, 'coupon.issue', { campaignId: COUPON_CAMPAIGN, memberId: null });
  if (!c.ok) throw new Error(c.error.message);
  await a.worker.runOnce(); await b.worker.runOnce();
  const lines = [{ description: 'tea', quantity: 1, unitPriceMinor: 10000 }];
  const s1 = call(a, 'sale.record', { saleId: world.rng.uuid(world.clock.ms), memberId: null, lines, redeemPoints: 0, couponCodes: [c.value.code] });
  const s2 = call(b, 'sale.record', { saleId: world.rng.uuid(world.clock.ms), memberId: null, lines, redeemPoints: 0, couponCodes: [c.value.code] });
  console.log('A', s1.ok, 'B', s2.ok);
  for (let i = 0; i < 2; i++) for (const t of world.terminals) await t.worker.runOnce();
  const ex = await world.headOffice.db.query('SELECT kind FROM exception_case');
  console.log('exceptions', ex.rows);
  const report = await checkInvariants(world, new OpLog());
  console.log(report.counts, report.problems, report.viewMismatches);
} finally { await world.close(); }
