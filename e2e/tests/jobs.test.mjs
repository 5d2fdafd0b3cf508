// Inference jobs on a real `lineage-node --dev`: a dApp submits a job for the demo model, the
// fee is held and three of the development workers are drawn; with no worker service yet to
// answer, the job expires when its reveal period ends and the fee comes back in full.

import assert from 'node:assert/strict';

import { dispatchErrorName, findEvent, sendAndWait, waitForHead } from '../lib/chain.mjs';
import { devNodeSuite, LIN } from '../lib/suite.mjs';

let api;
let keyring;
let eve;

const { e2e } = devNodeSuite((ctx) => {
  ({ api, keyring } = ctx);
  eve = keyring.createFromUri('//Eve');
});

const DEMO_MODEL = 0;

e2e('an inference job holds its fee, draws three workers, and expires with a full refund', 180_000, async () => {
  const price = (await api.call.modelsApi.model(DEMO_MODEL)).unwrap().price.toBigInt();
  assert.equal(price, LIN / 100n);
  const replication = BigInt(api.consts.compute.replication.toNumber());
  const fee = price + api.consts.compute.computeFee.toBigInt() * replication;

  const low = await sendAndWait(api.tx.compute.submitInference(DEMO_MODEL, '0x010203', fee - 1n), eve, { until: 'inBlock' });
  assert.equal(dispatchErrorName(api, low.dispatchError), 'compute.FeeAboveMax');

  const submitted = await sendAndWait(api.tx.compute.submitInference(DEMO_MODEL, '0x010203', fee), eve, { until: 'inBlock' });
  assert.equal(submitted.dispatchError, undefined);
  const event = findEvent(submitted.events, api.events.compute.InferenceSubmitted).data;
  assert.equal(event.fee.toBigInt(), fee);
  const workers = event.workers.map(String).sort();
  const dev = ['//Alice', '//Bob', '//Charlie'].map((uri) => keyring.createFromUri(uri).address).sort();
  assert.deepEqual(workers, dev);
  const id = event.job.toNumber();

  const at = (await api.at(submitted.blockHash)).call.computeApi;
  const job = (await at.job(id)).unwrap();
  assert.equal(job.held.toBigInt(), fee);
  assert.equal(job.input.toHex(), '0x010203');
  assert.deepEqual((await at.jobsOfRequester(eve.address)).map((j) => j.toNumber()), [id]);
  assert.deepEqual((await at.jobsOfWorker(dev[0])).map((j) => j.toNumber()), [id]);
  const holds = await (await api.at(submitted.blockHash)).query.balances.holds(eve.address);
  assert.equal(holds.find((h) => h.id.isCompute && h.id.asCompute.isJobFee)?.amount.toBigInt(), fee);

  // Nobody commits: at the start of block `settlesAt` the job expires.
  const settlesAt = job.settlesAt.toNumber();
  await waitForHead(
    (callback) => api.rpc.chain.subscribeNewHeads(callback),
    (number) => number >= settlesAt,
    120_000,
    `block ${settlesAt}`,
  );
  const blockHash = await api.rpc.chain.getBlockHash(settlesAt);
  const events = await (await api.at(blockHash)).query.system.events();
  const expired = events.find(({ event }) => api.events.compute.JobExpired.is(event));
  assert.ok(expired, `no JobExpired in block ${settlesAt} (${blockHash})`);
  assert.equal(expired.event.data.refunded.toBigInt(), fee);
  const after = (await api.at(blockHash)).call.computeApi;
  assert.equal((await after.job(id)).isNone, true);
  assert.deepEqual((await after.jobsOfRequester(eve.address)).map((j) => j.toNumber()), []);
});
