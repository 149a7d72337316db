import { z } from 'zod';
import { codesAnsweredWith } from './errors';
import {
  OFFICE_REQUEST_HEADER,
  SESSION_COOKIE,
  isSuccess,
  pathParams,
  responsesOf,
  type PageSpec,
  type Pages,
  type RouteAuth,
  type RouteSpec,
  type Routes,
} from './route';

/**
 * The OpenAPI 3.1 document of a contract, generated with zod's own JSON Schema output (draft
 * 2020-12, OpenAPI 3.1's dialect): requests as they may be sent, answers as they are sent.
 */
type JsonSchema = Record<string, unknown>;
type Io = 'input' | 'output';

function jsonSchema(schema: z.ZodType, io: Io): JsonSchema {
  const generated = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as JsonSchema;
  // The document names the dialect once (jsonSchemaDialect).
  delete generated.$schema;
  return generated;
}

/** `/admin/stores/:id` → `/admin/stores/{id}`; a trailing `*` becomes `{path}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z][A-Za-z0-9_]*)/g, '{$1}').replace(/\*$/, '{path}');
}

const securitySchemes = {
  terminalCredential: {
    type: 'http',
    scheme: 'bearer',
    description: 'The credential a terminal received when it enrolled.',
  },
  adminToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'An admin token (printed at first start, or HEAD_OFFICE_ADMIN_TOKEN).',
  },
  officeSession: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: `The office UI's session; a change must also send "${OFFICE_REQUEST_HEADER}: 1".`,
  },
};

function security(auth: RouteAuth): Record<string, string[]>[] {
  switch (auth.kind) {
    case 'public':
    case 'officeUi':
      return [];
    case 'terminal':
      return [{ terminalCredential: [] }];
    case 'admin':
      return [{ adminToken: [] }, { officeSession: [] }];
    case 'session':
      return [{ officeSession: [] }];
    default: {
      const unhandled: never = auth;
      throw new Error(`no security for ${JSON.stringify(unhandled)}`);
    }
  }
}

function whoMayCall(auth: RouteAuth): string {
  switch (auth.kind) {
    case 'public':
      return 'Anyone.';
    case 'officeUi':
      return `Anyone, from the office UI ("${OFFICE_REQUEST_HEADER}: 1", same origin).`;
    case 'terminal':
      return 'An enrolled, unrevoked terminal.';
    case 'admin':
      return `An admin token, or a signed-in ${auth.roles.join(' or ')}.`;
    case 'session':
      return `A signed-in ${auth.roles.join(' or ')}.`;
    default: {
      const unhandled: never = auth;
      throw new Error(`no description for ${JSON.stringify(unhandled)}`);
    }
  }
}

/** One parameter per property of an object schema, for the path or the query string. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input');
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
  }));
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  302: 'Found',
  400: 'Bad request',
  401: 'No credential, or an unknown one',
  403: 'Refused: revoked, another terminal, not from the office UI, or not allowed',
  404: 'Not found',
  409: 'Conflicts with what head office holds',
  410: 'Gone',
  413: 'Body too large',
  415: 'Unsupported media type or encoding',
  429: 'Too many requests: retry after Retry-After',
  500: 'Head office failed; retry later',
  503: 'Unavailable; retry later',
};

function responseObject(
  status: number,
  schema: z.ZodType,
  alsoAs: string | readonly string[] = [],
): JsonSchema {
  const codes = isSuccess(status) ? [] : codesAnsweredWith(status);
  const description = [
    STATUS_TEXT[status] ?? `HTTP ${status}`,
    codes.length > 0 ? `(code: ${codes.join(', ')})` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const content: Record<string, JsonSchema> = {
    'application/json': { schema: jsonSchema(schema, 'output') },
  };
  for (const mediaType of [alsoAs].flat()) content[mediaType] = { schema: { type: 'string' } };
  return { description, content };
}

function operation(name: string, spec: RouteSpec): JsonSchema {
  const changes = spec.method !== 'GET';
  const fromOfficeUi =
    changes &&
    (spec.auth.kind === 'officeUi' || spec.auth.kind === 'admin' || spec.auth.kind === 'session');
  const officeHeader = fromOfficeUi
    ? [
        {
          name: OFFICE_REQUEST_HEADER,
          in: 'header',
          required: spec.auth.kind !== 'admin',
          description: 'Sent by the office UI on every change (required with the session cookie).',
          schema: { const: '1' },
        },
      ]
    : [];
  const responses: Record<string, JsonSchema> = {};
  for (const [status, schema] of Object.entries(responsesOf(spec))) {
    responses[status] = responseObject(Number(status), schema, spec.alsoAs?.[Number(status)]);
  }
  const roles = spec.auth.kind === 'admin' || spec.auth.kind === 'session' ? spec.auth.roles : [];
  return {
    operationId: name,
    summary: spec.summary,
    description: whoMayCall(spec.auth),
    tags: [name.split('.')[0]],
    security: security(spec.auth),
    ...(roles.length > 0 ? { 'x-roles': [...roles] } : {}),
    parameters: [
      ...parameters(spec.request.params, 'path'),
      ...parameters(spec.request.query, 'query'),
      ...officeHeader,
    ],
    ...(spec.request.body
      ? {
          requestBody: {
            required: !spec.request.body.safeParse(undefined).success,
            content: { 'application/json': { schema: jsonSchema(spec.request.body, 'input') } },
          },
        }
      : {}),
    responses,
  };
}

function pageOperation(name: string, spec: PageSpec): JsonSchema {
  const ok =
    spec.serves === 'redirect'
      ? { 302: { description: 'Found', headers: { location: { schema: { type: 'string' } } } } }
      : {
          200: { description: 'OK', content: { [spec.mediaType]: { schema: { type: 'string' } } } },
        };
  return {
    operationId: name,
    summary: spec.summary,
    tags: ['office'],
    security: [],
    parameters: spec.path.endsWith('*')
      ? [{ name: 'path', in: 'path', required: true, schema: { type: 'string' } }]
      : [],
    responses: {
      ...ok,
      ...(spec.serves === 'page'
        ? {
            503: {
              description: 'Not built yet',
              content: { 'text/html': { schema: { type: 'string' } } },
            },
          }
        : {}),
      ...(spec.serves === 'files' ? { 404: { description: 'No such file' } } : {}),
    },
  };
}

export type DocumentInfo = {
  title: string;
  version: string;
  description: string;
};

export type OpenApiDocument = {
  openapi: string;
  jsonSchemaDialect: string;
  info: DocumentInfo;
  paths: Record<string, Record<string, JsonSchema>>;
  components: { securitySchemes: Record<string, JsonSchema> };
};

export function openApiDocumentOf(
  routes: Routes,
  pages: Pages,
  info: DocumentInfo,
): OpenApiDocument {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const add = (method: string, path: string, op: JsonSchema) => {
    const at = (paths[openApiPath(path)] ??= {});
    at[method.toLowerCase()] = op;
  };
  for (const [name, spec] of Object.entries(routes)) {
    if (pathParams(spec.path).some((p) => !p)) throw new Error(`${spec.path}: unnamed parameter`);
    add(spec.method, spec.path, operation(name, spec));
  }
  for (const [name, spec] of Object.entries(pages))
    add(spec.method, spec.path, pageOperation(name, spec));
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info,
    paths,
    components: { securitySchemes },
  };
}
