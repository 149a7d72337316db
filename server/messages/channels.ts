import nodemailer from 'nodemailer';
import type { Locale } from '../../shared/locale';
import type { MessageText } from '../../shared/rules/messaging';
import type { StoredMessageSettings } from './messageSettings';
import { SIGNATURE_HEADER, signatureOf } from './signatures';

/**
 * The two ways a message leaves head office. Each call is keyed by the message's id, so a send
 * repeated after a crash is recognisable downstream: the email's Message-ID is
 * `<id@loyalty-head-office>` and the SMS provider gets `id` and is expected to send once per id.
 *
 * A failure is classed here, once: `transient` (try again later: a connection refused, a 4xx
 * reply from the mail server, a 5xx or 429 from the SMS provider), `bounced` (the address itself
 * was refused) or `permanent` (anything else the far end refused for good). Its text names a
 * status code only: a mail server's reply may quote the address, and that must not reach a log
 * line or the message row.
 */
export type SendFailureKind = 'transient' | 'bounced' | 'permanent';

export class SendFailure extends Error {
  constructor(
    readonly kind: SendFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'SendFailure';
  }
}

export interface Outgoing {
  id: string;
  to: string;
  words: MessageText;
  language: Locale;
  /** The member's own unsubscribe link (email only). */
  unsubscribeUrl: string;
}

const TIMEOUT_MS = 15_000;

interface SmtpErrorLike {
  responseCode?: number;
  code?: string;
}

function smtpFailure(error: unknown): SendFailure {
  const { responseCode, code } = (error ?? {}) as SmtpErrorLike;
  const label = `SMTP ${responseCode ?? '-'} ${code ?? 'error'}`;
  if (responseCode === undefined || responseCode < 500) return new SendFailure('transient', label);
  // 550/551/553 to RCPT TO: the mailbox is refused; other 5xx: the message is.
  if (code === 'EENVELOPE' && [550, 551, 553].includes(responseCode)) {
    return new SendFailure('bounced', label);
  }
  return new SendFailure('permanent', label);
}

export async function sendEmail(
  settings: StoredMessageSettings,
  message: Outgoing,
): Promise<{ providerId: string }> {
  const smtp = settings.smtp;
  if (!smtp) throw new SendFailure('transient', 'SMTP is not set up');
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: settings.smtpPassword ?? '' } : undefined,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  try {
    const info = await transport.sendMail({
      from: smtp.from,
      to: message.to,
      subject: message.words.subject,
      text: `${message.words.text}\n\n${message.unsubscribeUrl}`,
      messageId: `<${message.id}@loyalty-head-office>`,
      textEncoding: 'base64',
      headers: {
        'Content-Language': message.language,
        // No List-Unsubscribe-Post (RFC 8058) yet: a one-click client POSTs a form body, and
        // head office parses JSON only; the link works by GET and by a bodiless POST.
        'List-Unsubscribe': `<${message.unsubscribeUrl}>`,
      },
    });
    if (info.rejected.length > 0) throw new SendFailure('bounced', 'SMTP recipient rejected');
    return { providerId: info.messageId };
  } catch (error) {
    if (error instanceof SendFailure) throw error;
    throw smtpFailure(error);
  } finally {
    transport.close();
  }
}

export async function sendSms(
  settings: StoredMessageSettings,
  message: Outgoing,
): Promise<{ providerId: string }> {
  const sms = settings.sms;
  if (!sms || !settings.smsSecret) throw new SendFailure('transient', 'SMS is not set up');
  const body = JSON.stringify({ to: message.to, text: message.words.text, id: message.id });
  let response: Response;
  try {
    response = await fetch(sms.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signatureOf(settings.smsSecret, body),
      },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : 'error';
    throw new SendFailure('transient', `SMS provider unreachable (${name})`);
  }
  const label = `SMS provider HTTP ${response.status}`;
  if (response.status >= 500 || response.status === 429 || response.status === 408) {
    throw new SendFailure('transient', label);
  }
  if (!response.ok) throw new SendFailure('permanent', label);
  const answer = (await response.json().catch(() => ({}))) as { providerId?: unknown };
  const providerId =
    typeof answer.providerId === 'string' ? answer.providerId.slice(0, 200) : message.id;
  return { providerId };
}
