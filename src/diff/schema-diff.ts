/**
 * The schema diff of a model: columns added, removed, retyped and moved, from the two sides' introspected
 * columns. Names are compared case-insensitively (both warehouses resolve them so), and types by their
 * normalised spelling, so a base whose columns differ only in case or type spelling shows no change.
 */
import type { SchemaDiff } from '../report/report-json.js';
import type { Column } from '../warehouse/warehouse.js';
import { normaliseType } from './column-types.js';

export function schemaDiff(baseColumns: Column[], envColumns: Column[]): SchemaDiff {
  const baseByName = new Map(baseColumns.map((column) => [column.name.toLowerCase(), column]));
  const envNames = new Set(envColumns.map((column) => column.name.toLowerCase()));
  const added = envColumns.filter((column) => !baseByName.has(column.name.toLowerCase())).map((column) => column.name);
  const removed = baseColumns.filter((column) => !envNames.has(column.name.toLowerCase())).map((column) => column.name);
  const changed: SchemaDiff['changed'] = [];
  for (const column of envColumns) {
    const before = baseByName.get(column.name.toLowerCase());
    if (before && normaliseType(before.type) !== normaliseType(column.type)) changed.push({ column: column.name, from: before.type, to: column.type });
  }
  return { added, removed, changed, reordered: movedColumns(baseColumns, envColumns) };
}

/**
 * The fewest common columns whose moving explains the new order: those outside the longest run of
 * common columns that kept their relative order. Adding or removing a column moves nothing, and moving
 * one column to the front reports that one column, not every column it pushed along.
 */
function movedColumns(baseColumns: Column[], envColumns: Column[]): string[] {
  const basePosition = new Map<string, number>();
  baseColumns.forEach((column, index) => basePosition.set(column.name.toLowerCase(), index));
  const common = envColumns.filter((column) => basePosition.has(column.name.toLowerCase()));
  const positions = common.map((column) => basePosition.get(column.name.toLowerCase())!);
  const kept = longestIncreasingRun(positions);
  return common.filter((_, index) => !kept.has(index)).map((column) => column.name);
}

/** Indexes of one longest strictly increasing subsequence (patience sorting, O(n log n)). */
function longestIncreasingRun(values: number[]): Set<number> {
  const tails: number[] = []; // tails[k]: index of the smallest tail of a run of length k + 1
  const previous: number[] = new Array(values.length).fill(-1);
  values.forEach((value, index) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (values[tails[middle]] < value) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[index] = tails[low - 1];
    tails[low] = index;
  });
  const kept = new Set<number>();
  for (let index = tails.length ? tails[tails.length - 1] : -1; index !== -1; index = previous[index]) kept.add(index);
  return kept;
}
