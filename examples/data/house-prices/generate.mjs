#!/usr/bin/env node
/**
 * Writes train.csv (300 houses) and test.csv (100 houses) beside this script: synthetic data with
 * the columns, kinds of values and missing entries of Kaggle's "House Prices" competition files.
 * Deterministic: the same seed gives the same bytes. Run: node examples/data/house-prices/generate.mjs
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SEED = 2919;
const TRAIN_ROWS = 300;
const TEST_ROWS = 100;

/** mulberry32: a small 32-bit generator, uniform in [0, 1). */
function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const uniform = generator(SEED);
const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
const chance = (p) => uniform() < p;
const between = (low, high) => low + Math.floor(uniform() * (high - low + 1));
const clamp = (x, low, high) => Math.min(high, Math.max(low, x));
/** One of `weights`' keys, with probability proportional to its weight. */
function pick(weights) {
  const entries = Object.entries(weights);
  let r = uniform() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [key, w] of entries) if ((r -= w) < 0) return key;
  return entries[entries.length - 1][0];
}

const ZONE_EFFECT = { RL: 0.04, RM: -0.08, FV: 0.1, RH: -0.06, 'C (all)': -0.3 };
const KITCHEN_EFFECT = { Ex: 0.14, Gd: 0.05, TA: -0.02, Fa: -0.1 };
const GARAGE_EFFECT = { Attchd: 0.03, Detchd: -0.04, BuiltIn: 0.06, Basment: -0.01, CarPort: -0.08, '2Types': 0 };

function house(id, missingRate) {
  const quality = clamp(Math.round(6 + 1.4 * normal()), 1, 10);
  const yearBuilt = clamp(Math.round(1972 + 6 * (quality - 6) + 18 * normal()), 1880, 2010);
  const livingArea = Math.round(clamp(1500 * Math.exp(0.08 * (quality - 6) + 0.3 * normal()), 400, 5000));
  const zoning = pick({ RL: 78, RM: 15, FV: 4, RH: 1.5, 'C (all)': 1 });
  const lotFrontage = Math.round(clamp(70 + 22 * normal() - (zoning === 'RM' ? 15 : 0), 21, 313));
  const lotArea = Math.round(clamp(lotFrontage * 135 * Math.exp(0.25 * normal()), 1300, 215000));
  const garageType = chance(0.055) ? null : pick({ Attchd: 60, Detchd: 27, BuiltIn: 6, Basment: 1.5, CarPort: 0.7, '2Types': 0.5 });
  const garageArea = garageType === null ? 0 : Math.round(clamp(470 + 70 * (quality - 6) + 150 * normal(), 160, 1400));
  const kitchen = pick({ Ex: 7, Gd: 40, TA: 50, Fa: 3 });
  const masonry = chance(0.6) ? 0 : Math.round(clamp(100 + 180 * Math.abs(normal()) + 20 * (quality - 6), 14, 1600));
  const row = {
    Id: id,
    MSSubClass: pick({ 20: 37, 60: 20, 50: 10, 120: 6, 30: 5, 160: 4, 70: 4, 80: 4, 90: 3.6, 190: 2 }),
    MSZoning: chance(missingRate) ? null : zoning,
    LotFrontage: chance(0.17) ? null : lotFrontage,
    LotArea: lotArea,
    Street: chance(0.01) ? 'Grvl' : 'Pave',
    Alley: chance(0.94) ? null : pick({ Grvl: 50, Pave: 41 }),
    OverallQual: quality,
    YearBuilt: yearBuilt,
    MasVnrArea: chance(0.01) ? null : masonry,
    GrLivArea: livingArea,
    KitchenQual: chance(missingRate) ? null : kitchen,
    GarageType: garageType,
    GarageArea: chance(missingRate) ? null : garageArea,
    PoolQC: chance(0.97) ? null : pick({ Ex: 2, Gd: 3, Fa: 2 }),
  };
  const logPrice = 12.02 + 0.13 * (quality - 6) + 0.55 * Math.log(livingArea / 1500) + 0.0025 * (yearBuilt - 1972)
    + 0.07 * Math.log(lotArea / 9500) + 0.0002 * (garageArea - 470) + 0.00008 * masonry
    + ZONE_EFFECT[zoning] + KITCHEN_EFFECT[kitchen] + (garageType === null ? -0.1 : GARAGE_EFFECT[garageType])
    + 0.13 * normal();
  return { row, price: Math.round(clamp(Math.exp(logPrice), 50000, 600000) / 100) * 100 };
}

/** Kaggle's spelling: missing entries as NA, no quotes (no value holds a comma). */
function csv(rows, columns) {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((c) => row[c] ?? 'NA').join(','));
  return `${lines.join('\n')}\n`;
}

const here = dirname(fileURLToPath(import.meta.url));
const train = Array.from({ length: TRAIN_ROWS }, (_, i) => house(i + 1, 0));
const test = Array.from({ length: TEST_ROWS }, (_, i) => house(TRAIN_ROWS + i + 1, 0.03));
const features = Object.keys(train[0].row);
writeFileSync(join(here, 'train.csv'), csv(train.map(({ row, price }) => ({ ...row, SalePrice: price })), [...features, 'SalePrice']));
writeFileSync(join(here, 'test.csv'), csv(test.map(({ row }) => row), features));
