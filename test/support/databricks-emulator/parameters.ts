/**
 * Server-side binding of the driver's parameters (`ordinalParameters` → `TSparkParameter`s) into the
 * statement, as Databricks does: each `?` marker outside literals and comments takes the next value, typed
 * as the driver sent it. More than 256 parameters is refused, as the real service refuses it.
 */
export interface SparkParameter {
  name?: string | null;
  type?: string | null;
  value?: { stringValue?: string | null } | null;
}

export const MAX_PARAMETERS = 256;

export class ParameterError extends Error {}

const NUMERIC = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'INT', 'BIGINT', 'FLOAT', 'DOUBLE', 'DECIMAL']);

function sparkLiteral(parameter: SparkParameter): string {
  const text = parameter.value?.stringValue;
  if (!parameter.type || text === undefined || text === null) return 'NULL';
  const type = parameter.type.toUpperCase();
  if (type === 'BOOLEAN') return text.toUpperCase() === 'TRUE' ? 'TRUE' : 'FALSE';
  if (NUMERIC.has(type)) {
    if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) throw new ParameterError(`[INVALID_PARAMETER_VALUE] '${text}' is not a valid ${type}`);
    return text;
  }
  const quoted = `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (type === 'DATE') return `DATE ${quoted}`;
  if (type === 'TIMESTAMP' || type === 'TIMESTAMP_NTZ') return `TIMESTAMP ${quoted}`;
  return quoted;
}

/** The statement with its `?` markers replaced by the parameters' literals, in order. */
export function bindParameters(statement: string, parameters: SparkParameter[] | null | undefined): string {
  if (!parameters?.length) return statement;
  if (parameters.length > MAX_PARAMETERS) {
    throw new ParameterError(`Parameterized query has too many parameters: ${parameters.length} parameters were provided, but the limit is ${MAX_PARAMETERS}.`);
  }
  let out = '';
  let next = 0;
  let index = 0;
  while (index < statement.length) {
    const char = statement[index];
    if (char === "'" || char === '"' || char === '`') {
      let end = index + 1;
      while (end < statement.length && statement[end] !== char) end += statement[end] === '\\' ? 2 : 1;
      out += statement.slice(index, end + 1);
      index = end + 1;
    } else if (char === '-' && statement[index + 1] === '-') {
      const end = statement.indexOf('\n', index);
      const stop = end < 0 ? statement.length : end;
      out += statement.slice(index, stop);
      index = stop;
    } else if (char === '/' && statement[index + 1] === '*') {
      const end = statement.indexOf('*/', index + 2);
      const stop = end < 0 ? statement.length : end + 2;
      out += statement.slice(index, stop);
      index = stop;
    } else if (char === '?') {
      if (next >= parameters.length) throw new ParameterError('[UNBOUND_SQL_PARAMETER] Found an unbound parameter: more markers than parameters.');
      out += sparkLiteral(parameters[next++]);
      index++;
    } else {
      out += char;
      index++;
    }
  }
  if (next !== parameters.length) throw new ParameterError(`[INVALID_PARAMETER_COUNT] ${parameters.length} parameters for ${next} markers.`);
  return out;
}
