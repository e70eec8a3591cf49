// The OpenAPI 3 document, generated from the same Zod schemas the routes validate with, plus the
// access each route declares (x-access), so the document is also the permission map.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ErrorBody } from '../../domain/errors.js';
import { defineRoute, routeRegistry, type AnyRouteSpec } from './route.js';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const result = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete result.$schema;
  return result;
}

function parameters(schema: z.ZodType | undefined, where: 'query' | 'path'): unknown[] {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

function operation(spec: AnyRouteSpec): Record<string, unknown> {
  const status = String(spec.status ?? 200);
  return {
    summary: spec.summary,
    tags: [spec.tag],
    'x-access': spec.access,
    parameters: [...parameters(spec.params, 'path'), ...parameters(spec.query, 'query')],
    ...(spec.body && { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } } }),
    responses: {
      [status]: { description: 'OK', content: { 'application/json': { schema: jsonSchema(spec.response, 'output') } } },
      default: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    },
  };
}

export function buildOpenApi(app: FastifyInstance): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routeRegistry.get(app) ?? []) {
    const url = spec.url.replace(/:(\w+)/g, '{$1}');
    paths[url] = { ...paths[url], [spec.method.toLowerCase()]: operation(spec) };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Hearth API', version: '0.1.0', description: 'Case management and outcomes for family-support non-profits.' },
    components: {
      schemas: { Error: jsonSchema(ErrorBody, 'output') },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'hearth_session' } },
    },
    security: [{ session: [] }],
    paths,
  };
}

export function registerOpenApi(app: FastifyInstance): void {
  let document: Record<string, unknown> | undefined;
  defineRoute(app, {
    method: 'GET',
    url: '/api/openapi.json',
    tag: 'system',
    summary: 'This document',
    access: { kind: 'public' },
    response: z.looseObject({ openapi: z.string() }),
    handler: async () => (document ??= buildOpenApi(app)) as { openapi: string },
  });
}
