/** Every SQL rule, in code order: what `sluice lint` runs on each file (those enabled for it). */
import type { SqlRule } from '../rule.js';
import { columnOrder } from './column-order.js';
import { distinctWithGroupBy } from './distinct-with-group-by.js';
import { jinjaSpacing } from './jinja-spacing.js';
import { keywordCase } from './keyword-case.js';
import { qualifiedColumns } from './qualified-columns.js';
import { selectStar } from './select-star.js';
import { trailingComma } from './trailing-comma.js';
import { unusedCte } from './unused-cte.js';

export const SQL_RULES: SqlRule[] = [distinctWithGroupBy, selectStar, keywordCase, trailingComma, jinjaSpacing, qualifiedColumns, unusedCte, columnOrder];
