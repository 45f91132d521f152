/** What DataFrame.fillna accepts, resolved to one fill value per column. */
import { ValueError } from '../../errors.js';
import { describeValue } from './column.js';
import { Series } from './series.js';

/**
 * One value for every column; a value per column name (an object or a Map); or a Series labelled by
 * column name, such as df.mean(). Columns not named keep their missing values.
 */
export type FillValue = number | string | Readonly<Record<string, number | string>> | ReadonlyMap<string, number | string> | Series;

/** For each column name, its fill value, or undefined to leave the column as it is. */
export function fillValueFor(where: string, value: FillValue, columns: readonly string[]): (column: string) => number | string | undefined {
  if (typeof value === 'number' || typeof value === 'string') return () => value;
  let entries: [string, unknown][];
  if (value instanceof Series) {
    if (value.index === null)
      throw new ValueError(`${where}: a Series of fill values needs a label per column, as df.mean() has; this one has none`);
    entries = value.index.map((label, i) => [label, value.values[i]]);
  } else if (value instanceof Map) {
    entries = [...value.entries()];
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    entries = Object.entries(value);
  } else {
    throw new ValueError(`${where}: value must be a number, a string, { column: value }, a Map or a labelled Series, got ${describeValue(value)}`);
  }
  for (const [name, v] of entries) {
    if (!columns.includes(name))
      throw new ValueError(`${where}: no column '${name}' to fill; columns are: ${columns.join(', ') || '(none)'}`);
    if (typeof v !== 'number' && typeof v !== 'string')
      throw new ValueError(`${where}: the fill value for '${name}' must be a number or a string, got ${describeValue(v)}`);
  }
  const byName = new Map(entries as [string, number | string][]);
  return (column) => byName.get(column);
}
