/** Shared helpers for the templating tests: one environment, render a string, catch the error. */
import { SluiceError } from '../../src/errors.js';
import { createJinjaEnvironment } from '../../src/templating/jinja-environment.js';
import { compileTemplate, renderTemplate } from '../../src/templating/template.js';

export const env = createJinjaEnvironment();

export function render(source: string, context: object = {}, file = 'models/t.sql'): string {
  return renderTemplate(compileTemplate(env, source, file), context, file);
}

/** The SluiceError rendering throws (fails the test if it renders). */
export function renderError(source: string, context: object = {}, file = 'models/t.sql'): SluiceError {
  try {
    render(source, context, file);
  } catch (error) {
    if (error instanceof SluiceError) return error;
    throw error;
  }
  throw new Error(`expected an error, got a rendering of: ${source}`);
}
