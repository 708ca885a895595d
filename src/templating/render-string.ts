/** Rendering a lone Jinja string outside any project (profiles.yml values), with a small context. */
import type nunjucks from 'nunjucks';
import { SluiceError } from '../errors.js';
import { createJinjaEnvironment } from './jinja-environment.js';
import { compileTemplate, renderTemplate } from './template.js';
import { literalEval, NOT_A_LITERAL } from './python-literal.js';

let environment: nunjucks.Environment | undefined;

export function renderStringTemplate(text: string, context: Record<string, unknown>, file: string, line: number): string {
  environment ??= createJinjaEnvironment();
  try {
    return renderTemplate(compileTemplate(environment, text, file), context, file).trim();
  } catch (error) {
    if (error instanceof SluiceError) throw new SluiceError(error.message, { file, line, hint: error.hint, code: error.code, details: { ...error.details } });
    throw error;
  }
}

/**
 * A YAML value as dbt renders it (Jinja's native mode): a string with Jinja in it is rendered, and a
 * result that reads as a Python literal becomes that value (`"{{ var('on', false) }}"` → false).
 * Strings without Jinja and other values are returned as they are.
 */
export function renderNativeValue(value: unknown, context: Record<string, unknown>, file: string, line: number): unknown {
  if (typeof value !== 'string' || (!value.includes('{{') && !value.includes('{%'))) return value;
  const rendered = renderStringTemplate(value, context, file, line);
  const literal = literalEval(rendered);
  return literal === NOT_A_LITERAL ? rendered : literal;
}
