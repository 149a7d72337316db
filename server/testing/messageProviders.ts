import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server and a fake SMS provider, both on loopback, for the message tests: what they
 * were given is kept to read back, and each can be told to refuse the next few.
 */
export interface ReceivedMail {
  to: string[];
  raw: string;
  /** Header values by lower-case name (the first of each). */
  headers: Record<string, string>;
  /** The body, decoded (head office sends it base64). */
  text: string;
}

export interface Mailbox {
  port: number;
  mails: ReceivedMail[];
  /** Refuse the next n messages with this reply code at DATA (451: later; 554: never). */
  refuse(n: number, code: number): void;
  /** Refuse this recipient at RCPT TO with 550 (no such mailbox). */
  refuseRecipient(address: string): void;
  close(): Promise<void>;
}

function parseMail(raw: string, to: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    if (!(name in headers)) headers[name] = line.slice(colon + 1).trim();
  }
  const body = raw.slice(split + 4);
  const text =
    headers['content-transfer-encoding']?.toLowerCase() === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : body;
  return { to, raw, headers, text };
}

/** RFC 2047 encoded words (as nodemailer writes a subject) back to text. */
export function decodeHeader(value: string): string {
  return value.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, kind: string, data: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : decodeURIComponent(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, '%$1')),
  );
}

export async function startMailbox(): Promise<Mailbox> {
  const mails: ReceivedMail[] = [];
  let refusals: { left: number; code: number } = { left: 0, code: 451 };
  const refusedRecipients = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refusedRecipients.has(address.address)) {
        const error = Object.assign(new Error('No such mailbox'), { responseCode: 550 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusals.left > 0) {
          refusals = { ...refusals, left: refusals.left - 1 };
          callback(Object.assign(new Error('Not now'), { responseCode: refusals.code }));
          return;
        }
        const to = session.envelope.rcptTo.map((r) => r.address);
        mails.push(parseMail(Buffer.concat(chunks).toString('utf8'), to));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    refuse(n, code) {
      refusals = { left: n, code };
    },
    refuseRecipient(address) {
      refusedRecipients.add(address);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface SmsProvider {
  url: string;
  received: { body: { to: string; text: string; id: string }; signature: string }[];
  /** Answer the next n sends with this HTTP status. */
  fail(n: number, status: number): void;
  close(): Promise<void>;
}

export async function startSmsProvider(): Promise<SmsProvider> {
  const received: SmsProvider['received'] = [];
  let failures = { left: 0, status: 503 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (failures.left > 0) {
        failures = { ...failures, left: failures.left - 1 };
        response.writeHead(failures.status).end();
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({
        body: JSON.parse(raw) as SmsProvider['received'][number]['body'],
        signature: String(request.headers['x-loyalty-signature'] ?? ''),
      });
      response
        .writeHead(202, { 'content-type': 'application/json' })
        .end(JSON.stringify({ providerId: `prov-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/send`,
    received,
    fail(n, status) {
      failures = { left: n, status };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
