/**
 * FMT01 formatted: the file is formatted as sql-formatter formats it in the target's dialect, with the
 * settings of `lint.format` in sluice.yml. Off unless the team opts in (`lint.format`, or `--check`):
 * a formatting convention is the team's to choose, and an unformatted file compiles to the same SQL.
 * The check itself runs in lint-file.ts (format-sql.ts does the formatting); `sluice lint --fix` formats.
 */
export const FORMAT_RULE = { code: 'FMT01', name: 'formatted', description: 'The file is formatted as sql-formatter formats it (sluice lint --fix does it).' };
