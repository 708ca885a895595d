/**
 * Python's proleptic Gregorian calendar as `datetime` counts it: day ordinals (0001-01-01 is day 1),
 * weekdays, ISO weeks, and the names the C locale gives days and months (what `strftime` prints).
 */
import { pyError } from './python-values.js';

export const MIN_YEAR = 1;
export const MAX_YEAR = 9999;
/** The ordinal of 9999-12-31. */
export const MAX_ORDINAL = 3_652_059;
/** The ordinal of 1970-01-01, where Unix time starts. */
export const EPOCH_ORDINAL = 719_163;

export const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const DAYS_BEFORE_MONTH = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month];
}

function daysBeforeYear(year: number): number {
  const y = year - 1;
  return y * 365 + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400);
}

/** Python's checks on a date's fields, with its messages. */
export function checkDate(year: number, month: number, day: number): void {
  if (year < MIN_YEAR || year > MAX_YEAR) throw pyError('ValueError', `year ${year} is out of range`);
  if (month < 1 || month > 12) throw pyError('ValueError', 'month must be in 1..12');
  if (day < 1 || day > daysInMonth(year, month)) throw pyError('ValueError', 'day is out of range for month');
}

export function toOrdinal(year: number, month: number, day: number): number {
  return daysBeforeYear(year) + DAYS_BEFORE_MONTH[month] + (month > 2 && isLeap(year) ? 1 : 0) + day;
}

/** The (year, month, day) of an ordinal. */
export function fromOrdinal(ordinal: number): [number, number, number] {
  // Whole 400-, 100-, 4- and 1-year cycles before the day; a fourth 100-year or 1-year step lands on
  // the extra day that closes a leap cycle: December 31st of the year before.
  let rest = ordinal - 1;
  const n400 = Math.floor(rest / 146_097);
  rest -= n400 * 146_097;
  const n100 = Math.floor(rest / 36_524);
  rest -= n100 * 36_524;
  const n4 = Math.floor(rest / 1_461);
  rest -= n4 * 1_461;
  const n1 = Math.floor(rest / 365);
  rest -= n1 * 365;
  const year = n400 * 400 + n100 * 100 + n4 * 4 + n1 + 1;
  if (n1 === 4 || n100 === 4) return [year - 1, 12, 31];
  const leap = isLeap(year);
  let month = 1;
  while (month < 12 && rest >= DAYS_BEFORE_MONTH[month + 1] + (month + 1 > 2 && leap ? 1 : 0)) month++;
  const day = rest - DAYS_BEFORE_MONTH[month] - (month > 2 && leap ? 1 : 0) + 1;
  return [year, month, day];
}

/** Monday is 0, as `date.weekday()` counts. */
export function weekdayOf(ordinal: number): number {
  return (ordinal + 6) % 7;
}

/** The ordinal of the Monday that starts ISO week 1 of a year (the week holding January 4th). */
function isoWeekOneMonday(year: number): number {
  const january4 = toOrdinal(year, 1, 4);
  return january4 - weekdayOf(january4);
}

/** ISO year, week and weekday (Monday 1). */
export function isoCalendar(ordinal: number, year: number): [number, number, number] {
  let isoYear = year;
  if (ordinal < isoWeekOneMonday(year)) isoYear -= 1;
  else if (year < MAX_YEAR && ordinal >= isoWeekOneMonday(year + 1)) isoYear += 1;
  return [isoYear, Math.floor((ordinal - isoWeekOneMonday(isoYear)) / 7) + 1, weekdayOf(ordinal) + 1];
}

/** The ordinal of an ISO (year, week, weekday), checked as `date.fromisocalendar` checks it. */
export function fromIsoCalendar(year: number, week: number, weekday: number): number {
  if (year < MIN_YEAR || year > MAX_YEAR) throw pyError('ValueError', `Year is out of range: ${year}`);
  const january1 = weekdayOf(toOrdinal(year, 1, 1));
  const longYear = january1 === 3 || (january1 === 2 && isLeap(year));
  if (week < 1 || week > (longYear ? 53 : 52)) throw pyError('ValueError', `Invalid week: ${week}`);
  if (weekday < 1 || weekday > 7) throw pyError('ValueError', `Invalid weekday: ${weekday} (range is [1, 7])`);
  return isoWeekOneMonday(year) + (week - 1) * 7 + (weekday - 1);
}
