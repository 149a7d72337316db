import type { z } from 'zod';
import { errorBody } from './errors';

/**
 * One head-office HTTP route, declared once: method, path, who may call it, the schemas of its
 * request parts and of its answer per status. Head office registers its fastify routes from these
 * (server/http/registerRoutes.ts), the office UI calls them through a client derived from them
 * (shared/contract/client.ts), and the OpenAPI document is generated from them
 * (shared/contract/openapi.ts). Adding a route is one entry here plus one handler.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * The people who sign in to the office UI hold one role (issue 14 §3, least privilege):
 * - admin: everything, as every person did before roles;
 * - customerService: members' personal data (each view logged with its reason), consent, exceptions;
 * - analyst: aggregates and pseudonymous lists only, never a name or a phone;
 * - storeManager: their own store's reports and figures only.
 * An admin token acts as an admin. Each route names the roles it admits; there is no default.
 */
export const officeRoles = ['admin', 'customerService', 'analyst', 'storeManager'] as const;
export type OfficeRole = (typeof officeRoles)[number];

/** The role groups routes name, so a route's list reads as a decision, not a guess. */
export const roleGroups = {
  adminOnly: ['admin'],
  everyone: officeRoles,
  /** Who may see a member's name, phone, email or birthday. */
  personalData: ['admin', 'customerService'],
  /** Figures without names: store managers' are confined to their own store. */
  figures: ['admin', 'analyst', 'storeManager'],
  /** Chain-wide figures and their definitions (segments, campaign results): no store confinement. */
  chainFigures: ['admin', 'analyst'],
} as const satisfies Record<string, readonly OfficeRole[]>;

/** The office UI's session cookie: HttpOnly and SameSite=Strict (server/http/sessionAuth.ts). */
export const SESSION_COOKIE = 'ho_session';

/**
 * The header the office UI sends on every call that changes something. A cross-site form cannot
 * set a custom header, and a cross-site fetch that does needs a CORS preflight head office never
 * grants: together with SameSite=Strict this closes cross-site request forgery.
 */
export const OFFICE_REQUEST_HEADER = 'x-office-request';

/** Who may call a route. */
export type RouteAuth =
  /** Anyone (a credential may travel in the body, as an enrollment code does). */
  | { kind: 'public' }
  /** Anyone, but a change must come from the office UI: its header, and this origin. */
  | { kind: 'officeUi' }
  /** A terminal, by the credential it got at enrollment (`Authorization: Bearer`). */
  | { kind: 'terminal' }
  /** An admin token (`Authorization: Bearer`), or a signed-in person holding one of `roles`. */
  | { kind: 'admin'; roles: readonly OfficeRole[] }
  /** Only a signed-in person holding one of `roles` (the session cookie). */
  | { kind: 'session'; roles: readonly OfficeRole[] };

export const anyone = { kind: 'public' } as const;
export const officeUi = { kind: 'officeUi' } as const;
export const terminal = { kind: 'terminal' } as const;
/** Every route names its roles: forgetting them is a type error, and an empty list throws. */
export const admin = (roles: readonly OfficeRole[]) =>
  ({ kind: 'admin', roles: named(roles) }) as const;
export const signedIn = (roles: readonly OfficeRole[]) =>
  ({ kind: 'session', roles: named(roles) }) as const;

function named(roles: readonly OfficeRole[]): readonly OfficeRole[] {
  if (roles.length === 0) throw new Error('a route must admit at least one role');
  return roles;
}

export interface RouteRequest {
  /** Path parameters (`:id`), as text. */
  params?: z.ZodType;
  /** The query string, as text (repeated parameters arrive as arrays). */
  query?: z.ZodType;
  /** The JSON body. */
  body?: z.ZodType;
}

export interface RouteSpec {
  method: HttpMethod;
  /** fastify's syntax: `/admin/stores/:id/enrollment-codes`. */
  path: string;
  summary: string;
  auth: RouteAuth;
  request: RouteRequest;
  /**
   * The JSON body of each status: exactly one 2xx (the answer) and the error statuses this
   * route answers of its own (`errorBody`). Every route also answers 400, 429 and 500; one that
   * is not public 403, one that needs a credential 401, one that is not a GET 413 and 415
   * (`responsesOf`).
   */
  responses: Record<number, z.ZodType>;
  /** A status that may also answer in other media types, e.g. 200 as text/csv. */
  alsoAs?: Record<number, string | readonly string[]>;
}

/**
 * What head office serves that is not JSON: the office UI's page, its redirect and its built
 * assets. Declared so that every route head office registers is in the contract.
 */
export interface PageSpec {
  method: 'GET';
  /** fastify's syntax; `*` is the rest of the path (a file under a folder). */
  path: string;
  summary: string;
  serves: 'page' | 'redirect' | 'files';
  /** The media type of a 200 (files: whatever the file is). */
  mediaType: string;
}

export type Routes = Record<string, RouteSpec>;
export type Pages = Record<string, PageSpec>;

type SuccessStatus = 200 | 201 | 202 | 204;

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** The path parameters a path names, in order: `/a/:id/b` → ['id']. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z][A-Za-z0-9_]*)/g)].map((match) => match[1] ?? '');
}

function objectKeys(schema: z.ZodType | undefined): string[] | null {
  const shape = (schema as { shape?: unknown } | undefined)?.shape;
  return shape && typeof shape === 'object' ? Object.keys(shape) : null;
}

/**
 * Checks one route as it is declared: one 2xx, path parameters matching the params schema, no
 * body on a GET. A mistake here is a programming error, found when the contract loads.
 */
export function route<const R extends RouteSpec>(spec: R): R {
  const where = `${spec.method} ${spec.path}`;
  const answers = Object.keys(spec.responses).map(Number).filter(isSuccess);
  if (answers.length !== 1) throw new Error(`${where} must declare exactly one 2xx response`);
  const named = pathParams(spec.path).sort();
  const declared = objectKeys(spec.request.params);
  if (named.length > 0 && declared === null) throw new Error(`${where} needs a params schema`);
  if (declared && declared.sort().join() !== named.join()) {
    throw new Error(`${where}: params schema has ${declared.join()}, the path ${named.join()}`);
  }
  if (spec.method === 'GET' && spec.request.body) throw new Error(`${where}: a GET has no body`);
  return spec;
}

export function successStatus(spec: RouteSpec): number {
  const status = Object.keys(spec.responses).map(Number).find(isSuccess);
  if (status === undefined) throw new Error(`${spec.method} ${spec.path} has no 2xx response`);
  return status;
}

/** Every status a route answers, with its body: its own, and those every route of its kind has. */
export function responsesOf(spec: RouteSpec): Record<number, z.ZodType> {
  const common: number[] = [400, 429, 500];
  if (spec.auth.kind !== 'public') common.push(403);
  if (spec.auth.kind === 'terminal' || spec.auth.kind === 'admin' || spec.auth.kind === 'session') {
    common.push(401);
  }
  if (spec.method !== 'GET') common.push(413, 415);
  const all: Record<number, z.ZodType> = {};
  for (const status of common) all[status] = errorBody;
  return { ...all, ...spec.responses };
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
  x: infer I,
) => void
  ? I
  : never;

/** Joins per-domain route maps; a name or a method and path declared twice is a programming error. */
export function mergeRoutes<Maps extends Routes[]>(
  ...maps: Maps
): UnionToIntersection<Maps[number]> {
  const merged: Routes = {};
  const paths = new Map<string, string>();
  for (const map of maps) {
    for (const [name, spec] of Object.entries(map)) {
      if (name in merged) throw new Error(`route declared twice: ${name}`);
      const key = `${spec.method} ${spec.path}`;
      const other = paths.get(key);
      if (other) throw new Error(`${key} is declared as both ${other} and ${name}`);
      paths.set(key, name);
      merged[name] = spec;
    }
  }
  return merged as UnionToIntersection<Maps[number]>;
}

// Types derived from one route, for handlers and clients.

type PartOf<R extends RouteSpec, K extends keyof RouteRequest> = R['request'] extends {
  [P in K]: infer S;
}
  ? S extends z.ZodType
    ? S
    : undefined
  : undefined;

/** A request part after its schema parsed it (what a handler receives). */
export type ParsedPart<R extends RouteSpec, K extends keyof RouteRequest> =
  PartOf<R, K> extends z.ZodType ? z.output<PartOf<R, K>> : undefined;

export interface ParsedRequest<R extends RouteSpec> {
  params: ParsedPart<R, 'params'>;
  query: ParsedPart<R, 'query'>;
  body: ParsedPart<R, 'body'>;
}

/**
 * Optional when the schema takes nothing: a body it allows to be missing, or a query (or path)
 * whose every field is optional, since a URL always has one, even empty.
 */
type Omissible<K extends keyof RouteRequest, In> = undefined extends In
  ? true
  : K extends 'body'
    ? false
    : Record<string, never> extends In
      ? true
      : false;

type InputPart<R extends RouteSpec, K extends keyof RouteRequest> =
  PartOf<R, K> extends z.ZodType
    ? Omissible<K, z.input<PartOf<R, K>>> extends true
      ? { [P in K]?: z.input<PartOf<R, K>> }
      : { [P in K]: z.input<PartOf<R, K>> }
    : { [P in K]?: never };

/** What a caller passes: each request part the route declares, before parsing. */
export type RouteInput<R extends RouteSpec> = InputPart<R, 'params'> &
  InputPart<R, 'query'> &
  InputPart<R, 'body'>;

type SuccessSchema<R extends RouteSpec> = R['responses'][Extract<
  keyof R['responses'],
  SuccessStatus
>];

/** The route's answer, as its 2xx schema gives it. */
export type RouteOutput<R extends RouteSpec> =
  SuccessSchema<R> extends z.ZodType ? z.output<SuccessSchema<R>> : never;

/** What a handler returns for the route: what its 2xx schema accepts. */
export type RouteAnswer<R extends RouteSpec> =
  SuccessSchema<R> extends z.ZodType ? z.input<SuccessSchema<R>> : never;

export type RouteName<M extends Routes> = keyof M & string;
