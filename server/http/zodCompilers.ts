import type { FastifySchemaCompiler, FastifySerializerCompiler } from 'fastify';
import type { z } from 'zod';
import { HeadOfficeFailure } from '../platform/errors';
import { issuesOf, parseInput, type Issue } from '../platform/parse';

/**
 * fastify validates and serializes with the contract's zod schemas (what
 * fastify-type-provider-zod does, in a few lines): a request part is unknown until its schema
 * parses it, and an answer is sent as its schema gives it, or not at all.
 */

const PARTS: Record<string, string> = { body: 'body', querystring: 'query', params: 'path' };

/**
 * A request part through its schema: refusals are head office's `invalid_input`, naming each
 * field at fault, and text PostgreSQL cannot store is refused here already (platform/parse.ts).
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, method, url, httpPart }) =>
  (data: unknown) => {
    // fastify hands a missing body over as null; the schema decides whether one is needed.
    const value = httpPart === 'body' && data === null ? undefined : data;
    const part = PARTS[httpPart ?? ''] ?? httpPart ?? 'request';
    try {
      return { value: parseInput(schema, value, `${part} of ${method} ${url}`) };
    } catch (error) {
      if (error instanceof HeadOfficeFailure) return { error };
      throw error;
    }
  };

/** An answer that does not match its route's schema: a bug in head office, answered with 500. */
export class ResponseContractError extends Error {
  constructor(
    where: string,
    readonly issues: Issue[],
  ) {
    super(
      `the answer does not match the contract (${where}): ${JSON.stringify(issues.slice(0, 3))}`,
    );
    this.name = 'ResponseContractError';
  }
}

/** Each answer through its status's schema: what is sent is exactly what the contract says. */
export const serializerCompiler: FastifySerializerCompiler<z.ZodType> =
  ({ schema, method, url, httpStatus }) =>
  (data: unknown) => {
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      throw new ResponseContractError(`${method} ${url} ${httpStatus}`, issuesOf(parsed.error));
    }
    return JSON.stringify(parsed.data);
  };
