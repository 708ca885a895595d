/**
 * Typed access to the one part of nunjucks that @types/nunjucks does not describe and we use:
 * SafeString (nunjucks' Markup), which nunjucks' own filters and `safe` produce.
 * Read-only use; nothing is patched. (Templates are tokenized and parsed by jinja-parser.ts.)
 */
import nunjucks from 'nunjucks';

interface NunjucksInternals {
  runtime: {
    SafeString: new (value: string) => { val: string; toString(): string };
  };
}

export const SafeString = (nunjucks as unknown as NunjucksInternals).runtime.SafeString;
