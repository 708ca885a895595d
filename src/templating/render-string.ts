/** Rendering a lone Jinja string outside any project (profiles.yml values), with a small context. */
import type nunjucks from 'nunjucks';
import { SluiceError } from '../errors.js';
import { createJinjaEnvironment } from './jinja-environment.js';
import { compileTemplate, renderTemplate } from './template.js';

let environment: nunjucks.Environment | undefined;

export function renderStringTemplate(text: string, context: Record<string, unknown>, file: string, line: number): string {
  environment ??= createJinjaEnvironment();
  try {
    return renderTemplate(compileTemplate(environment, text, file), context, file).trim();
  } catch (error) {
    if (error instanceof SluiceError) throw new SluiceError(error.message, { file, line, hint: error.hint });
    throw error;
  }
}
