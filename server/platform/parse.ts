import { z } from 'zod';
import { HeadOfficeFailure } from './errors';
import { findUnstorableText } from './storableText';

export interface Issue {
  path: string;
  message: string;
}

export function issuesOf(error: z.ZodError): Issue[] {
  return error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join('.') : '(body)',
    message: issue.message,
  }));
}

function summary(issues: Issue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path}: ${issue.message}`)
    .join('; ');
}

/**
 * Every body is unknown until a schema parses it. Fails with invalid_input naming the fields at
 * fault, so whoever sent it can see what to fix.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
  /** false: the caller checks storable text itself, piece by piece (a push, per operation). */
  options: { storable?: boolean } = {},
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error);
    throw new HeadOfficeFailure('invalid_input', `Invalid ${what}: ${summary(issues)}`, { issues });
  }
  const unstorable = options.storable === false ? null : findUnstorableText(parsed.data);
  if (unstorable) {
    throw new HeadOfficeFailure('invalid_input', `Invalid ${what}: ${unstorable}`, {
      issues: [{ path: unstorable.split(':')[0], message: 'text head office cannot store' }],
    });
  }
  return parsed.data;
}

export const uuidSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
