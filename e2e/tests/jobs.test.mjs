// Inference jobs on a real `lineage-node --dev`: a dApp submits a job for the demo model, the
// fee is held and three of the development workers are drawn; the workers, played here by
// the client, commit and then reveal results attested by their keys. Quorum and payment are
// the next slice: for now a job expires when its reveal period ends and the fee comes back
// in full.

import assert from 'node:assert/strict';

import { stringToHex, stringToU8a, u8aConcat } from '@polkadot/util';
import { blake2AsU8a, decodeAddress } from '@polkadot/util-crypto';

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

e2e('drawn workers commit, then reveal results attested by their keys; a mismatched reveal is refused', 180_000, async () => {
  const price = (await api.call.modelsApi.model(DEMO_MODEL)).unwrap().price.toBigInt();
  const fee = price + api.consts.compute.computeFee.toBigInt() * BigInt(api.consts.compute.replication.toNumber());
  const submitted = await sendAndWait(api.tx.compute.submitInference(DEMO_MODEL, '0x0a0b', fee), eve, { until: 'inBlock' });
  const id = findEvent(submitted.events, api.events.compute.InferenceSubmitted).data.job.toNumber();
  const job = (await (await api.at(submitted.blockHash)).call.computeApi.job(id)).unwrap();
  // The development workers attest with their own sr25519 keys.
  const dev = Object.fromEntries(['//Alice', '//Bob', '//Charlie'].map((uri) => {
    const pair = keyring.createFromUri(uri);
    return [pair.address, pair];
  }));
  const workers = job.workers.map((who) => dev[who.toString()]);

  const output = [12, -7, 3];
  const encoded = api.createType('Vec<i32>', output).toU8a();
  const salts = workers.map((_, index) => new Uint8Array(32).fill(index + 1));
  const commitments = workers.map((worker, index) =>
    blake2AsU8a(u8aConcat(encoded, salts[index], decodeAddress(worker.address)), 256));
  const committed = await Promise.all(workers.map((worker, index) =>
    sendAndWait(api.tx.compute.commitResult(id, commitments[index]), worker, { until: 'inBlock' })));
  for (const result of committed) {
    assert.equal(result.dispatchError, undefined);
    assert.ok(findEvent(result.events, api.events.compute.ResultCommitted));
  }

  // Reveals open after the commit period.
  const commitUntil = job.commitUntil.toNumber();
  await waitForHead((callback) => api.rpc.chain.subscribeNewHeads(callback), (number) => number > commitUntil, 90_000, `block ${commitUntil + 1}`);

  const attest = (worker) => {
    const attestation = api.createType('LineagePrimitivesComputeAttestation', {
      job: id,
      outputHash: blake2AsU8a(encoded, 256),
      weightsHash: `0x${'11'.repeat(32)}`,
      engineVersion: stringToHex('0.1.0'),
      backend: 1,
    });
    const payload = u8aConcat(stringToU8a('lineage/attestation/v1'), attestation.toU8a());
    return { attestation, signature: worker.sign(payload) };
  };
  // The third worker tries a salt it did not commit with: refused, nothing stored.
  const [first, second, third] = workers;
  const wrong = attest(third);
  const refused = await sendAndWait(
    api.tx.compute.revealResult(id, output, new Uint8Array(32).fill(99), wrong.attestation, wrong.signature), third, { until: 'inBlock' });
  assert.equal(dispatchErrorName(api, refused.dispatchError), 'compute.CommitmentMismatch');

  const revealed = await Promise.all([first, second].map((worker, index) => {
    const { attestation, signature } = attest(worker);
    return sendAndWait(api.tx.compute.revealResult(id, output, salts[index], attestation, signature), worker, { until: 'inBlock' });
  }));
  for (const result of revealed) {
    assert.equal(result.dispatchError, undefined);
    assert.ok(findEvent(result.events, api.events.compute.ResultRevealed));
  }
});
