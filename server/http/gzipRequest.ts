import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** An error fastify turns into a response with this status (see server.ts's error handler). */
export class RequestBodyError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RequestBodyError';
  }
}

/** Counts what comes out of gunzip and stops the moment it passes the limit (zip bombs). */
class CappedOutput extends Transform {
  /** Fastify reads this to check Content-Length and the limit against the bytes on the wire. */
  receivedEncodedLength = 0;
  private decoded = 0;

  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.decoded += chunk.length;
    if (this.decoded > this.limit) {
      done(
        new RequestBodyError(
          413,
          'too_large',
          `The request body is larger than ${this.limit} bytes once decompressed.`,
        ),
      );
      return;
    }
    done(null, chunk);
  }
}

/**
 * For a fastify preParsing hook: passes an identity body through, and decompresses a gzip body
 * with the decompressed size capped at `limit`. Any other Content-Encoding is refused.
 */
export function decodeRequestBody(
  contentEncoding: string | undefined,
  payload: Readable,
  limit: number,
): Readable {
  const encoding = (contentEncoding ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') return payload;
  if (encoding !== 'gzip' && encoding !== 'x-gzip') {
    throw new RequestBodyError(
      415,
      'unsupported_encoding',
      `Content-Encoding "${encoding.slice(0, 40)}" is not supported; send gzip or no encoding.`,
    );
  }
  const gunzip = createGunzip();
  const output = new CappedOutput(limit);
  payload.on('data', (chunk: Buffer) => {
    output.receivedEncodedLength += chunk.length;
  });
  const fail = (error: Error) => {
    payload.unpipe(gunzip);
    payload.resume();
    output.destroy(
      // A client gone mid-upload stays what it is (errorReplies.ts logs it at debug).
      error instanceof RequestBodyError || (error as NodeJS.ErrnoException).code === 'ECONNRESET'
        ? error
        : new RequestBodyError(
            400,
            'invalid_gzip',
            `The gzip body could not be read: ${error.message}`,
          ),
    );
  };
  payload.on('error', fail);
  gunzip.on('error', fail);
  // Fastify stops listening once it has answered; a late error must not crash the process.
  output.on('error', () => {});
  output.on('close', () => {
    payload.unpipe(gunzip);
    gunzip.destroy();
  });
  payload.pipe(gunzip).pipe(output);
  return output;
}
