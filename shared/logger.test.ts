import { describe, expect, it } from 'vitest';
import {
  FREE_TEXT,
  REDACTED,
  createLogger,
  maskPersonalText,
  redact,
  setLogSink,
  type LogRecord,
} from './logger';

function capture(level: 'debug' | 'info' | 'warn' | 'error' | 'silent' = 'debug') {
  const lines: string[] = [];
  const log = createLogger('test', {
    write: (line) => lines.push(line),
    level: () => level,
    now: () => new Date('2025-03-01T02:03:04.000Z'),
  });
  return { log, lines };
}

describe('the one logger', () => {
  it('writes one named line per call, at or above its level', () => {
    const { log, lines } = capture('warn');
    log.info('not shown');
    log.warn('shown', { seq: 3 });
    log.error('also shown');
    expect(lines).toEqual([
      '2025-03-01T02:03:04.000Z WARN [test] shown {"seq":3}\n',
      '2025-03-01T02:03:04.000Z ERROR [test] also shown\n',
    ]);
    const silent = capture('silent');
    silent.log.error('nothing');
    expect(silent.lines).toEqual([]);
  });

  it('never writes personal data or secrets, however they arrive', () => {
    const { log, lines } = capture();
    log.info('enrolled +85291234567 (chan@example.com)', {
      member: { name: 'Chan Tai Man', phoneE164: '+85291234567', birthday: '1990-01-01' },
      Password: 'hunter2hunter2',
      admin_token: 'hoa_secret',
      headers: { authorization: 'Bearer abc', cookie: 'ho_session=xyz' },
      note: 'call +447700900123 or write to a.b@shop.example',
      storeName: 'Causeway Bay',
      error: new Error('duplicate phone +85298765432'),
    });
    const line = lines.join('');
    for (const secret of [
      'Chan Tai Man',
      '91234567',
      'chan@example.com',
      '1990-01-01',
      'hunter2',
      'hoa_secret',
      'Bearer abc',
      'xyz',
      '7700900123',
      'a.b@shop.example',
      '98765432',
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('Causeway Bay');
    expect(line).toContain(REDACTED);
    expect(line).toContain('duplicate phone [phone]');
  });

  it('masks text and copies data without touching the original', () => {
    expect(maskPersonalText('seq 12 at 1700000000000 by +85291234567')).toBe(
      'seq 12 at 1700000000000 by [phone]',
    );
    const data = { name: 'Chan', list: [{ email: 'x@y.hk' }] };
    expect(redact(data)).toEqual({ name: REDACTED, list: [{ email: REDACTED }] });
    expect(data.name).toBe('Chan');
    const circular: Record<string, unknown> = { seq: 1 };
    circular.self = circular;
    expect(() => redact(circular)).not.toThrow();
  });
});

describe('free text and the process sink', () => {
  it('refuses free-text fields whole, whatever they hold', () => {
    const safe = redact({
      note: 'Mrs Chan prefers oolong, call her on 9123 4567',
      complaint: { text: 'rude cashier' },
      payload: { memberId: 'm1', name: 'Chan' },
      seq: 4,
      note2: 'not a known key',
    });
    expect(safe).toEqual({
      note: FREE_TEXT,
      complaint: FREE_TEXT,
      payload: FREE_TEXT,
      seq: 4,
      note2: 'not a known key',
    });
  });

  it('sends records to the installed sink, already safe, and back to stderr when removed', () => {
    const records: LogRecord[] = [];
    setLogSink((record) => records.push(record));
    try {
      createLogger('sink-test', { level: () => 'debug' }).warn('member +85291234567 refused', {
        email: 'chan@example.com',
        seq: 7,
      });
    } finally {
      setLogSink(null);
    }
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      level: 'warn',
      name: 'sink-test',
      msg: 'member [phone] refused',
      data: { email: REDACTED, seq: 7 },
    });
  });
});
