// The ML engine's command line (`lineage-ml`), run by the tests to compute locally what the
// node's ML service should have computed on chain: the same binary the node runs.

import { execFileSync } from 'node:child_process';
import { accessSync, constants as fsConstants, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { nodeBinary } from './node.mjs';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIGITS_CSV = join(REPO, 'ml', 'data', 'digits.csv');
export const DIGITS_MLP_SPEC = join(REPO, 'ml', 'specs', 'digits-mlp.json');

/** Path of lineage-ml: $LINEAGE_ML_BIN, else the one next to the node binary. */
export function engineBinary() {
  const bin = process.env.LINEAGE_ML_BIN || join(dirname(nodeBinary()), 'lineage-ml');
  accessSync(bin, fsConstants.X_OK);
  return bin;
}

/** Runs lineage-ml with `args` and returns what it printed. */
export function engine(args) {
  return execFileSync(engineBinary(), args, { encoding: 'utf8', maxBuffer: 16 << 20 });
}

/** A fresh blob store seeded with the demo assets, as `--dev --ml-worker` seeds the node's. */
export function demoStore() {
  const store = mkdtempSync(join(tmpdir(), 'lineage-e2e-blobs-'));
  engine(['seed-demo', '--store', store]);
  return store;
}

/** Sample `index` of the shipped digits: its 64 features (the label dropped). */
export function digit(index) {
  const row = readFileSync(DIGITS_CSV, 'utf8').trim().split('\n')[index];
  return row.split(',').slice(0, 64).map(Number);
}

/** The label of sample `index` of the shipped digits. */
export function digitLabel(index) {
  return Number(readFileSync(DIGITS_CSV, 'utf8').trim().split('\n')[index].split(',')[64]);
}

/** Features as the chain's inference input: little-endian f32 bytes. */
export function f32Bytes(values) {
  return new Uint8Array(new Float32Array(values).buffer);
}

/** `lineage-ml infer` on one sample: its fixed-point row and predicted class. */
export function inferLocally(store, weightsHash, features) {
  const input = join(store, 'sample.csv');
  writeFileSync(input, `${features.join(',')}\n`);
  const printed = engine(['infer', '--spec', DIGITS_MLP_SPEC, '--weights', weightsHash, '--store', store, '--input', input]);
  const [, row, cls] = printed.trim().match(/^(\[.*\]) class (\d+)$/);
  return { row: JSON.parse(row), cls: Number(cls) };
}
