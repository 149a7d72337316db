/**
 * Which admin action a slow sale waited behind (sale_during_admin). Each piece of admin work that
 * runs on the core's thread is timed as a span; a sale that took longer than the target is put
 * down to the kind of work whose spans overlap its wait (from when it was due to its commit) the
 * most, or to "nothing on this thread" (another process on the machine, GC, the checkpointer).
 * On a shared machine a span's wall time includes waiting for a CPU, so each span also records
 * this thread's own CPU time in it (Linux: /proc/thread-self/schedstat): the work it really did.
 */
import { openSync, readSync } from 'node:fs';
import type { Phase } from './salesOnSchedule';
import { fmtMs } from './stats';

export type AdminWork =
  'pin sign-in' | 'pin change' | 'staff add' | 'pdf: report read' | 'pdf: answer';

interface Span {
  kind: AdminWork;
  fromNs: bigint;
  toNs: bigint;
  /** This thread's time on a CPU during the span, when the OS tells. */
  cpuMs: number | null;
}

/** This thread's total time on a CPU in ns, or null where /proc does not say. */
function threadCpuClock(): () => number | null {
  let fd: number | null = null;
  try {
    fd = openSync('/proc/thread-self/schedstat', 'r');
  } catch {
    return () => null;
  }
  const buffer = Buffer.alloc(128);
  return () => {
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return Number(buffer.toString('latin1', 0, read).split(' ')[0]);
  };
}

export class AdminSpans {
  private readonly spans: Span[] = [];
  private readonly cpuNs = threadCpuClock();

  /** Times `work` as one span of `kind`; its result passes through. */
  time<T>(kind: AdminWork, work: () => T): T {
    const fromNs = process.hrtime.bigint();
    const fromCpu = this.cpuNs();
    try {
      return work();
    } finally {
      const toCpu = this.cpuNs();
      this.spans.push({
        kind,
        fromNs,
        toNs: process.hrtime.bigint(),
        cpuMs: fromCpu === null || toCpu === null ? null : (toCpu - fromCpu) / 1e6,
      });
    }
  }

  /** A span timed elsewhere (its CPU time unknown). */
  add(kind: AdminWork, fromNs: bigint, toNs: bigint): void {
    this.spans.push({ kind, fromNs, toNs, cpuMs: null });
  }

  /** Lines for the benchmark's notes: the longest span of each kind, and who slow sales waited on. */
  notes(phase: Phase, slowerThanMs: number): string[] {
    const ms = (ns: bigint) => Number(ns) / 1e6;
    const byKind = new Map<AdminWork, { wall: number[]; cpu: number[] }>();
    for (const span of this.spans) {
      const lists = byKind.get(span.kind) ?? { wall: [], cpu: [] };
      lists.wall.push(ms(span.toNs - span.fromNs));
      if (span.cpuMs !== null) lists.cpu.push(span.cpuMs);
      byKind.set(span.kind, lists);
    }
    const p99Of = (list: number[]) => {
      list.sort((a, b) => a - b);
      return list[Math.min(list.length - 1, Math.floor(list.length * 0.99))] ?? 0;
    };
    const durations = [...byKind.entries()].map(([kind, { wall, cpu }]) => {
      const onCpu = cpu.length > 0 ? ` (on CPU p99 ${fmtMs(p99Of(cpu))})` : '';
      return `${kind} ×${wall.length} p99 ${fmtMs(p99Of(wall))}${onCpu} max ${fmtMs(Math.max(...wall))} ms`;
    });
    const blame = new Map<string, number>();
    let slow = 0;
    for (let i = 0; i < phase.count; i++) {
      const latency = phase.latencies[i] ?? 0;
      if (latency <= slowerThanMs) continue;
      slow += 1;
      const dueNs = phase.startedNs + BigInt(Math.round((phase.arrivedAt[i] ?? 0) * 1e6));
      const doneNs = dueNs + BigInt(Math.round(latency * 1e6));
      const overlap = new Map<string, bigint>();
      for (const span of this.spans) {
        const from = span.fromNs > dueNs ? span.fromNs : dueNs;
        const to = span.toNs < doneNs ? span.toNs : doneNs;
        if (to > from) overlap.set(span.kind, (overlap.get(span.kind) ?? 0n) + (to - from));
      }
      let culprit = 'nothing on this thread';
      let most = 0n;
      for (const [kind, ns] of overlap) {
        if (ns > most) {
          most = ns;
          culprit = kind;
        }
      }
      blame.set(culprit, (blame.get(culprit) ?? 0) + 1);
    }
    const blamed = [...blame.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ');
    return [
      `admin work on the core's thread: ${durations.join('; ') || 'none'}`,
      `${slow} sales over ${slowerThanMs} ms waited mostly behind: ${blamed || '-'}`,
    ];
  }
}
