/**
 * d2l 2.2, data preprocessing: writes the book's house_tiny.csv (NumRooms, RoofType, Price with
 * missing values), reads it, splits inputs from targets, encodes RoofType with a column per category
 * plus one for missing (getDummies with dummyNa), fills the missing NumRooms with the column mean and
 * converts both parts to tensors. Writes the file under --data DIR, or a fresh temporary directory.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDummies, readCsv, type DataFrame, type Series } from '../bindings/data/frame/index.js';
import { runSection } from './book-section.js';
import { logger, runAsScript, type ExampleOptions } from './common.js';

export const HOUSE_TINY_CSV = `NumRooms,RoofType,Price
NA,NA,127500
2,NA,106000
4,Slate,178100
NA,NA,140000`;

export interface PreprocessingResult {
  dataFile: string;
  columns: string[];
  X: number[][];
  y: number[];
}

export async function main(options: ExampleOptions = {}): Promise<PreprocessingResult> {
  const log = logger(options);
  const dir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'webgrad-data-'));
  mkdirSync(dir, { recursive: true });
  const dataFile = join(dir, 'house_tiny.csv');
  writeFileSync(dataFile, HOUSE_TINY_CSV);
  log(`wrote ${dataFile}`);

  // 2.2.1 Reading the dataset
  const data = readCsv(readFileSync(dataFile, 'utf8'));
  log(String(data));

  // 2.2.2 Data preparation
  let inputs = data.iloc(':', '0:2') as DataFrame;
  const targets = data.iloc(':', 2) as Series;
  inputs = getDummies(inputs, { dummyNa: true });
  log(String(inputs));
  inputs = inputs.fillna(inputs.mean());
  log(String(inputs));

  // 2.2.3 Conversion to the tensor format
  return runSection(options, () => {
    const X = inputs.toTensor(), y = targets.toTensor();
    log(`X, y\n${X}\n${y}`);
    return { dataFile, columns: [...inputs.columns], X: X.tolist() as number[][], y: y.tolist() as number[] };
  });
}

runAsScript(import.meta.url, main);
