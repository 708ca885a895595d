/**
 * Validates requests to the fake GitHub server, and the server's own responses, against GitHub's
 * official OpenAPI description (the subset in test/fixtures/github/openapi-subset.json, extracted by
 * scripts/extract-github-openapi.mjs), so the fake can never accept what GitHub would refuse.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** The id under which the whole description is registered with ajv; `$ref`s are made absolute to it. */
const DOC_ID = 'https://sluice.test/github-openapi.json';
const FIXTURE = fileURLToPath(new URL('../../fixtures/github/openapi-subset.json', import.meta.url));

export interface Operation {
  method: string;
  /** The path template, e.g. `/repos/{owner}/{repo}/pulls/{pull_number}`. */
  template: string;
  operationId: string;
  pattern: RegExp;
  pathParams: string[];
  /** Checks (and coerces, and fills defaults into) `{...pathParams, ...query}` in place. */
  validateParams: ValidateFunction;
  validateBody: ValidateFunction | undefined;
  bodyRequired: boolean;
  /** Response validators by status code, for the statuses GitHub documents a JSON body for. */
  responses: Map<number, ValidateFunction>;
}

/** One line of a 422 answer, as GitHub words its request validation errors. */
export interface SchemaViolation {
  field: string;
  code: 'missing_field' | 'invalid';
  message: string;
}

export interface GitHubDescription {
  operations: Operation[];
  /** The schemas under components.schemas, as plain JSON Schema (OpenAPI's `nullable` rewritten). */
  schemas: Record<string, JsonObject>;
  source: { package: string; version: string };
}

/** OpenAPI 3.0 `nullable: true` has no JSON Schema keyword: rewrite it as a type union or an anyOf. */
function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'discriminator') continue; // oneOf already decides; ajv's discriminator needs extra rules
    copy[key] = toJsonSchema(value);
  }
  if (copy.nullable !== true) return copy;
  delete copy.nullable;
  if (typeof copy.type === 'string') {
    copy.type = [copy.type, 'null'];
    if (Array.isArray(copy.enum)) copy.enum = [...copy.enum, null];
    return copy;
  }
  return { anyOf: [copy, { type: 'null' }] };
}

/** Makes the `#/components/...` references of an inline schema point into the registered document. */
function absolutise(node: Json): Json {
  if (Array.isArray(node)) return node.map(absolutise);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#') ? `${DOC_ID}${value}` : absolutise(value),
    ]),
  );
}

function newAjv(forParameters: boolean): Ajv {
  // strict is off because GitHub's schemas use OpenAPI keywords (deprecated, readOnly) ajv would
  // reject; allErrors so that a 422 lists every problem as GitHub does.
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    verbose: true, // error.data: GitHub's messages quote the rejected value
    validateSchema: false,
    coerceTypes: forParameters, // path and query values arrive as strings
    useDefaults: forParameters, // per_page=30, page=1, state=open ...
  });
  const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
  addFormats(ajv);
  return ajv;
}

function resolve(doc: JsonObject, node: Json): JsonObject {
  let current = node as JsonObject;
  while (typeof current.$ref === 'string') {
    const path = current.$ref.replace(/^#\//, '').split('/');
    current = path.reduce<Json>((at, part) => (at as JsonObject)[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc) as JsonObject;
  }
  return current;
}

/** Loads the fixture and compiles a validator for every operation in it. */
export function loadGitHubDescription(): GitHubDescription {
  const raw = JSON.parse(readFileSync(FIXTURE, 'utf8')) as JsonObject;
  const doc = toJsonSchema(raw) as JsonObject;
  const bodyAjv = newAjv(false);
  const paramAjv = newAjv(true);
  for (const ajv of [bodyAjv, paramAjv]) ajv.addSchema({ $id: DOC_ID, components: doc.components }, DOC_ID);

  const operations: Operation[] = [];
  for (const [template, methods] of Object.entries(doc.paths as JsonObject)) {
    for (const [method, rawOperation] of Object.entries(methods as JsonObject)) {
      const operation = rawOperation as JsonObject;
      const parameters = ((operation.parameters ?? []) as Json[]).map((parameter) => resolve(doc, parameter));
      const properties: JsonObject = {};
      const required: string[] = [];
      for (const parameter of parameters) {
        if (parameter.in !== 'path' && parameter.in !== 'query') continue;
        properties[parameter.name as string] = absolutise(parameter.schema);
        if (parameter.required === true) required.push(parameter.name as string);
      }
      const requestBody = operation.requestBody ? resolve(doc, operation.requestBody) : undefined;
      const bodySchema = (requestBody?.content as JsonObject | undefined)?.['application/json'] as JsonObject | undefined;
      const responses = new Map<number, ValidateFunction>();
      for (const [status, rawResponse] of Object.entries(operation.responses as JsonObject)) {
        const response = resolve(doc, rawResponse);
        const schema = ((response.content as JsonObject | undefined)?.['application/json'] as JsonObject | undefined)?.schema;
        if (schema !== undefined) responses.set(Number(status), bodyAjv.compile(absolutise(schema) as JsonObject));
      }
      const pathParams = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
      operations.push({
        method: method.toUpperCase(),
        template,
        operationId: operation.operationId as string,
        pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '([^/]+)')}$`),
        pathParams,
        validateParams: paramAjv.compile({ type: 'object', properties, required }),
        validateBody: bodySchema ? bodyAjv.compile(absolutise(bodySchema.schema) as JsonObject) : undefined,
        bodyRequired: requestBody?.required === true,
        responses,
      });
    }
  }
  const source = raw['x-source'] as { package: string; version: string };
  const schemas = (doc.components as JsonObject).schemas as Record<string, JsonObject>;
  return { operations, schemas, source };
}

/** Turns ajv's errors into the lines GitHub puts in a 422 ("\"body\" wasn't supplied." ...). */
export function describeViolations(errors: ErrorObject[] | null | undefined): SchemaViolation[] {
  const violations: SchemaViolation[] = [];
  for (const error of errors ?? []) {
    const at = error.instancePath.replace(/^\//, '');
    if (error.keyword === 'required') {
      const field = [at, (error.params as { missingProperty: string }).missingProperty].filter(Boolean).join('/');
      violations.push({ field, code: 'missing_field', message: `"${field}" wasn't supplied.` });
    } else if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') {
      // anyOf/oneOf only repeat what their branches already said.
      const detail = error.keyword === 'enum' ? `is not one of ${JSON.stringify((error.params as { allowedValues: unknown }).allowedValues)}` : error.message;
      violations.push({ field: at, code: 'invalid', message: `For '${at || 'body'}', ${JSON.stringify(error.data)} ${detail}.` });
    }
  }
  // The same line can come from several branches of a oneOf.
  return violations.filter((violation, index) => violations.findIndex((other) => other.message === violation.message) === index);
}

/** Compact text of ajv errors, for the fake's own (non-conforming response) failures. */
export function errorsText(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`).join('; ');
}
