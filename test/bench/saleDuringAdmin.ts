/**
 * sale_during_admin (issue 11 §4): sale latency while a manager works beside the till. Sales
 * arrive on a fixed schedule (salesOnSchedule) on the core's event loop while, on the same loop,
 * staff sign in by PIN alone (57 staff, so a PIN names one of many), PINs change, people are
 * added, and report PDFs are exported one after another. The baseline is the same schedule on
 * the same ledger with nobody doing anything else, in the same run. Both run the WAL
 * checkpointer thread, as the terminal does. Target: p99 ≤ 10 ms.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LEDGER_FILE, openCore, type TerminalCore } from '../../electron/core/core';
import { startCheckpointer, type Checkpointer } from '../../electron/core/db/checkpointer';
import { catchUpLoyalty } from '../../electron/core/loyalty/catchUp';
import type { StaffMember } from '../../shared/staff';
import { AdminSpans } from './adminBreakdown';
import { CACHE_DIR, memberDataset, setupInput } from './data';
import { saleInputs, salesOnSchedule, summaryOf } from './salesOnSchedule';
import { fmtMs, type BenchResult } from './stats';

const MEMBERS = 10_000;
const STAFF = 57;
const SALES_PER_S = 50;
const SALES = 1500;
/** One staff change or PIN sign-in this often, beside the back-to-back PDF exports. */
const ADMIN_EVERY_MS = 25;

const pinOf = (i: number) => String(100_000 + i * 7);

function must<T>(core: TerminalCore, name: string, input: unknown): T {
  const result = core.dispatch(name, input);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.message}`);
  return result.value as T;
}

export async function benchSaleDuringAdmin(options: {
  seed: number;
  members: number;
}): Promise<BenchResult> {
  const dataset = memberDataset(options.seed, Math.min(options.members, MEMBERS));
  const work = path.join(CACHE_DIR, `run-admin-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  copyFileSync(dataset.file, path.join(work, LEDGER_FILE));
  let core: TerminalCore | null = null;
  let checkpointer: Checkpointer | null = null;
  try {
    core = openCore({ dataDir: work });
    checkpointer = startCheckpointer(core.ledger.file, core.ledger);
    catchUpLoyalty(core.ctx);
    const managerPin = setupInput.managerPin;
    const staff: StaffMember[] = [];
    for (let i = 1; i < STAFF; i++)
      staff.push(
        must(core, 'staff.add', {
          name: `Cashier ${i}`,
          role: 'cashier',
          pin: pinOf(i),
          managerPin,
        }),
      );
    const next = saleInputs(core, options.seed);
    // Warm the paths once (statements, JIT, the PDF thread) before either phase is measured.
    await salesOnSchedule(core, next, SALES_PER_S, () => false, 100);
    const firstPdf = await core.dispatchAsync('report.export', {
      report: { kind: 'x' },
      format: 'pdf',
      locale: 'zh-Hant',
      managerPin,
    });
    if (!firstPdf.ok) throw new Error(`report.export failed: ${firstPdf.error.message}`);

    const idle = await salesOnSchedule(core, next, SALES_PER_S, () => false, SALES);

    // Each piece of admin work on the core's thread is timed, so the notes can say which one the
    // slow sales waited behind. The PDF's share of the thread is what runs before the PDF thread
    // gets the job (the report read, where it is read here), and the answer after it (the copy
    // back and the base64).
    const spans = new AdminSpans();
    let answeredNs = 0n;
    const answered = <T>(value: T): T => {
      answeredNs = process.hrtime.bigint();
      return value;
    };
    const pdf = core.ctx.pdf;
    const render = pdf.render.bind(pdf);
    pdf.render = (...args) => render(...args).then(answered);
    const readAndRender = pdf.readAndRender;
    if (readAndRender) pdf.readAndRender = (...args) => readAndRender(...args).then(answered);
    let stop = false;
    const counts = { signIns: 0, pinChanges: 0, added: 0, pdfs: 0 };
    const exports = (async () => {
      while (!stop) {
        const pending = spans.time('pdf: report read', () =>
          core!.dispatchAsync('report.export', {
            report: { kind: 'x' },
            format: 'pdf',
            locale: counts.pdfs % 2 ? 'en' : 'zh-Hant',
            managerPin,
          }),
        );
        const result = await pending;
        spans.add('pdf: answer', answeredNs, process.hrtime.bigint());
        if (!result.ok) throw new Error(`report.export failed: ${result.error.message}`);
        counts.pdfs += 1;
      }
    })();
    const admin = (async () => {
      let step = 0;
      let nextPin = 300_000;
      while (!stop) {
        await sleep(ADMIN_EVERY_MS);
        const who = staff[step % staff.length]!;
        switch (step % 4) {
          case 0:
          case 2:
            spans.time('pin sign-in', () =>
              must(core!, 'staff.signIn', { pin: pinOf(staff.indexOf(who) + 1) }),
            );
            counts.signIns += 1;
            break;
          case 1: {
            // Back and forth, so each cashier's PIN stays the one the sign-ins type.
            const temporary = String(nextPin++);
            spans.time('pin change', () =>
              must(core!, 'staff.changePin', { staffId: who.id, pin: temporary, managerPin }),
            );
            spans.time('pin change', () =>
              must(core!, 'staff.changePin', {
                staffId: who.id,
                pin: pinOf(staff.indexOf(who) + 1),
                managerPin,
              }),
            );
            counts.pinChanges += 2;
            break;
          }
          default:
            spans.time('staff add', () =>
              must(core!, 'staff.add', {
                name: `Temp ${step}`,
                role: 'cashier',
                pin: String(nextPin++),
                managerPin,
              }),
            );
            counts.added += 1;
        }
        step += 1;
      }
    })();
    const busy = await salesOnSchedule(core, next, SALES_PER_S, () => false, SALES);
    stop = true;
    await Promise.all([admin, exports]);

    const ours = summaryOf(busy);
    const baseline = summaryOf(idle);
    return {
      name: 'sale_during_admin',
      ours,
      baseline,
      target: 'p99 <= 10 ms',
      met: ours.p99Ms <= 10,
      notes: [
        `${busy.count} sales at ${SALES_PER_S}/s on ${Math.min(options.members, MEMBERS).toLocaleString('en')} members ` +
          `while ${counts.signIns} PIN sign-ins (${STAFF}+ staff), ${counts.pinChanges} PIN changes, ` +
          `${counts.added} staff added and ${counts.pdfs} PDF exports ran`,
        `arrival-to-commit: p50 ${fmtMs(ours.p50Ms)}, p99 ${fmtMs(ours.p99Ms)}, max ${fmtMs(ours.maxMs)} ms; ` +
          `idle baseline p50 ${fmtMs(baseline.p50Ms)}, p99 ${fmtMs(baseline.p99Ms)}, max ${fmtMs(baseline.maxMs)} ms`,
        `event loop busy elsewhere: p99 ${(busy.loopDelay.percentile(99) / 1e6).toFixed(1)} ms, ` +
          `max ${(busy.loopDelay.max / 1e6).toFixed(1)} ms`,
        ...spans.notes(busy, 10),
      ],
    };
  } finally {
    await checkpointer?.stop();
    core?.close();
    rmSync(work, { recursive: true, force: true });
  }
}
