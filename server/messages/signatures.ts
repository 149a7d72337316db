import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The HMACs that let a member or the SMS provider call head office without a session:
 * - an unsubscribe link carries HMAC-SHA256(signing key, "unsubscribe:" + message id), so it
 *   works for that message only and cannot be made for another;
 * - head office signs each SMS it hands the provider over the exact body it sends, and the
 *   provider signs its callbacks over their fields joined by newlines (the parsed body, so no
 *   raw-body capture is needed): `x-loyalty-signature: sha256=<hex>`.
 */
export const SIGNATURE_HEADER = 'x-loyalty-signature';

export function unsubscribeToken(signingKey: string, messageId: string): string {
  return createHmac('sha256', signingKey).update(`unsubscribe:${messageId}`).digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function unsubscribeTokenValid(signingKey: string, messageId: string, token: string) {
  return sameText(unsubscribeToken(signingKey, messageId), token);
}

export function signatureOf(secret: string, signed: string): string {
  return `sha256=${createHmac('sha256', secret).update(signed).digest('hex')}`;
}

export function signatureValid(
  secret: string | null,
  signed: string,
  header: string | string[] | undefined,
): boolean {
  if (!secret || typeof header !== 'string') return false;
  return sameText(signatureOf(secret, signed), header);
}
