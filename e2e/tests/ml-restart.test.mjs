// A worker node restarted in the middle of a job finishes it: `lineage-node --dev
// --ml-worker` with a persistent base path commits to an inference result, is stopped before
// it reveals, and started again on the same database. Its off-chain worker finds the salts it
// committed with in its persistent local storage and reveals; the job completes with all
// three workers agreeing and nobody slashed.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import { findEvent, sendAndWait } from '../lib/chain.mjs';
import { digit, f32Bytes } from '../lib/engine.mjs';
import { startNode, withTimeout } from '../lib/node.mjs';
import { SS58 } from '../lib/suite.mjs';

const DEMO_MODEL = 0;
let basePath;
let node;

before(async () => {
  await cryptoWaitReady();
  basePath = mkdtempSync(join(tmpdir(), 'lineage-e2e-restart-'));
});

after(async () => {
  await node?.stop();
  rmSync(basePath, { recursive: true, force: true });
}, { timeout: 30_000 });

/** Resolves with the compute events of `method` for job `id` in the first new block that has them. */
function eventsOf(api, id, method, count, timeoutMs) {
  let unsub;
  const seen = [];
  const found = new Promise((resolve, reject) => {
    api.rpc.chain.subscribeNewHeads(async (header) => {
      const events = await (await api.at(header.hash)).query.system.events();
      for (const { event } of events) {
        if (event.section === 'compute' && event.method === method && event.data.job.toNumber() === id) {
          seen.push({ number: header.number.toNumber(), data: event.data });
        }
      }
      if (seen.length >= count) resolve(seen);
    }).then((u) => { unsub = u; }, reject);
  });
  return withTimeout(found, timeoutMs, `${count} ${method} for job ${id}`).finally(() => unsub?.());
}

test('a node restarted between commit and reveal reveals with the salts it kept', { timeout: 300_000 }, async () => {
  node = await startNode({ basePath, extraArgs: ['--ml-worker'] });
  let api = node.api;
  const eve = new Keyring({ type: 'sr25519', ss58Format: SS58 }).createFromUri('//Eve');
  const price = (await api.call.modelsApi.model(DEMO_MODEL)).unwrap().price.toBigInt();
  const fee = price + api.consts.compute.computeFee.toBigInt() * 3n;
  const submitted = await sendAndWait(
    api.tx.compute.submitInference(DEMO_MODEL, u8aToHex(f32Bytes(digit(5))), fee), eve, { until: 'inBlock' });
  const id = findEvent(submitted.events, api.events.compute.InferenceSubmitted).data.job.toNumber();
  const job = (await (await api.at(submitted.blockHash)).call.computeApi.job(id)).unwrap();
  const commitUntil = job.commitUntil.toNumber();

  const commits = await eventsOf(api, id, 'ResultCommitted', 3, 90_000);
  assert.ok(commits.every(({ number }) => number < commitUntil), 'committed before the reveal window');
  await node.stop();

  node = await startNode({ basePath, extraArgs: ['--ml-worker'] });
  api = node.api;
  const [completed] = await eventsOf(api, id, 'JobCompleted', 1, 150_000);
  assert.equal(completed.data.agreed.length, 3, 'every worker revealed after the restart');
  assert.equal(completed.number, job.settlesAt.toNumber());
});
