import { z } from 'zod';
import {
  successStatus,
  type PageSpec,
  type Pages,
  type RouteAuth,
  type RouteSpec,
  type Routes,
} from './route';

/**
 * A contract as a Markdown table, for server/README.md (scripts/routeTables.ts writes it there,
 * and a test fails when the README and the contract disagree).
 */
type JsonSchema = Record<string, unknown>;

const MOST_FIELDS = 6;

function who(auth: RouteAuth): string {
  switch (auth.kind) {
    case 'public':
      return 'anyone';
    case 'officeUi':
      return 'anyone, from the UI';
    case 'terminal':
      return 'terminal';
    case 'admin':
      return auth.roles.join(', ');
    case 'session':
      return `signed-in ${auth.roles.join(', ')}`;
    default: {
      const unhandled: never = auth;
      throw new Error(`no description for ${JSON.stringify(unhandled)}`);
    }
  }
}

/** `{a, b?, …}`: an object's fields, optional ones marked; each shape of a union on its own. */
function fields(schema: JsonSchema): string[] {
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (variants) return variants.flatMap(fields);
  const properties = schema.properties as Record<string, unknown> | undefined;
  if (!properties) return [schema.type === 'array' ? '[…]' : String(schema.type ?? 'JSON')];
  const required = new Set((schema.required ?? []) as string[]);
  const names = Object.keys(properties).map((name) => (required.has(name) ? name : `${name}?`));
  const shown = names.slice(0, MOST_FIELDS).join(', ');
  return [`{${shown}${names.length > MOST_FIELDS ? ', …' : ''}}`];
}

function code(shapes: string[]): string {
  return shapes.map((shape) => `\`${shape}\``).join(' or ');
}

function shapeOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
}

function query(schema: z.ZodType | undefined): string {
  if (!schema) return '';
  const shape = shapeOf(schema, 'input');
  const required = new Set((shape.required ?? []) as string[]);
  const names = Object.keys((shape.properties ?? {}) as object);
  return names.length === 0
    ? ''
    : `?${names.map((name) => (required.has(name) ? name : `${name}?`)).join('&')}`;
}

function exchange(spec: RouteSpec): string {
  const status = successStatus(spec);
  const answer = spec.responses[status];
  const request = spec.request.body
    ? `${code(fields(shapeOf(spec.request.body, 'input')))} → `
    : '';
  const body = answer ? code(fields(shapeOf(answer, 'output'))) : '';
  const others = [spec.alsoAs?.[status] ?? []].flat();
  const also = others.map((mediaType) => ` or ${mediaType}`).join('');
  return `${request}${status} ${body}${also}`;
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function row(cells: string[]): string {
  return `| ${cells.map(escape).join(' | ')} |`;
}

export function routeTable(routes: Routes): string {
  const lines = [
    row(['Method and path', 'Who', 'Request → answer', 'What']),
    row(['---', '---', '---', '---']),
  ];
  for (const spec of Object.values(routes)) {
    lines.push(
      row([
        `\`${spec.method} ${spec.path}${query(spec.request.query)}\``,
        who(spec.auth),
        exchange(spec),
        spec.summary,
      ]),
    );
  }
  return lines.join('\n');
}

function pageRow(spec: PageSpec): string {
  const answer = spec.serves === 'redirect' ? '302' : `200 ${spec.mediaType}`;
  return row([`\`${spec.method} ${spec.path}\``, 'anyone', answer, spec.summary]);
}

export function pageTable(pages: Pages): string {
  return [
    row(['Method and path', 'Who', 'Answer', 'What']),
    row(['---', '---', '---', '---']),
    ...Object.values(pages).map(pageRow),
  ].join('\n');
}
