import type { z } from 'zod';
import { headOfficeErrorBody } from '../sync/protocol';

/**
 * Head office's error codes, each meaning one thing, and the HTTP status each is answered with.
 * The status tells a client what to do (400/409: a bug, stop and report; 401/403: credential
 * refused, revoked or not allowed; 413: send less; 429 and 5xx: retry with backoff); the code
 * says exactly what happened. Clients treat a code they do not know by its status.
 */
export const headOfficeErrorCodes = [
  'invalid_input',
  'unauthorized',
  'forbidden',
  'terminal_revoked',
  'wrong_terminal',
  'enrollment_code_invalid',
  'enrollment_code_expired',
  'enrollment_code_used',
  'not_found',
  'seq_conflict',
  'already_resolved',
  // Head-office UI: sign-in, sessions and resolutions.
  'sign_in_refused',
  'sign_in_locked',
  'request_header_missing',
  'name_taken',
  'resolution_not_applicable',
  'database_newer',
  'unavailable',
  // Data-subject requests (server/privacy).
  'already_erased',
  'same_approver',
  'request_closed',
  // Campaigns: a campaign is launched once.
  'campaign_not_draft',
  // Complaints: a step that would change nothing is refused (shared/rules/complaint.ts).
  'complaint_step_not_allowed',
  // The catalogue: a SKU or a barcode belongs to one item; an item names what exists.
  'sku_taken',
  'barcode_taken',
  'category_unknown',
  'tax_class_unknown',
] as const;
export type HeadOfficeErrorCode = (typeof headOfficeErrorCodes)[number];

/** What the HTTP layer answers on its own, before any route's handler runs or after one fails. */
export const httpErrorCodes = [
  'route_not_found',
  'too_large',
  'rate_limited',
  'unsupported_media_type',
  'unsupported_encoding',
  'invalid_gzip',
  'invalid_json',
  'bad_request',
  'request_timeout',
  'uri_too_long',
  'headers_too_large',
  'expectation_failed',
  'internal',
] as const;
export type HttpErrorCode = (typeof httpErrorCodes)[number];

export type AnyHeadOfficeErrorCode = HeadOfficeErrorCode | HttpErrorCode;

export function statusOf(code: HeadOfficeErrorCode): number {
  switch (code) {
    case 'invalid_input':
      return 400;
    case 'unauthorized':
    case 'sign_in_refused':
      return 401;
    case 'forbidden':
    case 'request_header_missing':
    case 'terminal_revoked':
    case 'wrong_terminal':
    case 'enrollment_code_invalid':
      return 403;
    case 'not_found':
      return 404;
    case 'name_taken':
    case 'resolution_not_applicable':
    case 'enrollment_code_used':
    case 'seq_conflict':
    case 'already_resolved':
    case 'already_erased':
    case 'request_closed':
    case 'campaign_not_draft':
    case 'complaint_step_not_allowed':
    case 'sku_taken':
    case 'barcode_taken':
    case 'category_unknown':
    case 'tax_class_unknown':
      return 409;
    case 'same_approver':
      return 403;
    case 'enrollment_code_expired':
      return 410;
    case 'sign_in_locked':
      return 429;
    case 'database_newer':
      return 500;
    case 'unavailable':
      return 503;
    default: {
      const unhandled: never = code;
      throw new Error(`no HTTP status for ${String(unhandled)}`);
    }
  }
}

export function httpStatusOf(code: HttpErrorCode): number {
  switch (code) {
    case 'route_not_found':
      return 404;
    case 'too_large':
      return 413;
    case 'rate_limited':
      return 429;
    case 'unsupported_media_type':
    case 'unsupported_encoding':
      return 415;
    case 'invalid_gzip':
    case 'invalid_json':
    case 'bad_request':
      return 400;
    case 'request_timeout':
      return 408;
    case 'uri_too_long':
      return 414;
    case 'headers_too_large':
      return 431;
    case 'expectation_failed':
      return 417;
    case 'internal':
      return 500;
    default: {
      const unhandled: never = code;
      throw new Error(`no HTTP status for ${String(unhandled)}`);
    }
  }
}

/** The codes a status may carry, for the documentation of each error response. */
export function codesAnsweredWith(status: number): AnyHeadOfficeErrorCode[] {
  return [
    ...headOfficeErrorCodes.filter((code) => statusOf(code) === status),
    ...httpErrorCodes.filter((code) => httpStatusOf(code) === status),
  ];
}

/** Every error body: `{error: {code, message, details?}}` (shared/sync/protocol.ts). */
export const errorBody = headOfficeErrorBody;
export type ErrorBody = z.infer<typeof errorBody>;
