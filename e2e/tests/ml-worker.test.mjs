// The node's ML service end to end, on a real `lineage-node --dev --ml-worker`: the node
// holds the three development workers' `lnml` keys and the demo assets, its off-chain worker
// hands each job drawn to them to the ML service, which runs `lineage-ml`, and the off-chain
// worker commits and reveals the result as each worker's signed transactions. Nobody here
// plays a worker: the client only submits jobs and reads what the chain decided.

import assert from 'node:assert/strict';
import { join } from 'node:path';

import { stringToHex, u8aToHex } from '@polkadot/util';

import { findEvent, sendAndWait } from '../lib/chain.mjs';
import { DIGITS_CSV, DIGITS_MLP_SPEC, demoStore, digit, digitLabel, engine, f32Bytes, inferLocally } from '../lib/engine.mjs';
import { withTimeout } from '../lib/node.mjs';
import { devNodeSuite } from '../lib/suite.mjs';

let api;
let provider;
let alice;
let eve;
let store;

const { e2e } = devNodeSuite((ctx) => {
  api = ctx.api;
  provider = ctx.node.provider;
  alice = ctx.keyring.createFromUri('//Alice');
  eve = ctx.keyring.createFromUri('//Eve');
  store = demoStore();
}, { extraArgs: ['--ml-worker'] });

const DEMO_MODEL = 0;

/** Resolves with { number, hash, events } of the block whose events include the end of job `id`. */
function jobEnd(id, timeoutMs) {
  const ends = ['JobCompleted', 'JobExpired', 'TrainingCompleted'];
  let unsub;
  const found = new Promise((resolve, reject) => {
    api.rpc.chain.subscribeNewHeads(async (header) => {
      const hash = header.hash;
      const events = await (await api.at(hash)).query.system.events();
      const end = events.find(({ event }) =>
        event.section === 'compute' && ends.includes(event.method) && event.data.job.toNumber() === id);
      if (end) resolve({ number: header.number.toNumber(), hash, events, end: end.event });
    }).then((u) => { unsub = u; }, reject);
  });
  return withTimeout(found, timeoutMs, `the end of job ${id}`).finally(() => unsub?.());
}

const computeEvents = (events, method) =>
  events.filter(({ event }) => event.section === 'compute' && event.method === method).map(({ event }) => event.data);

e2e('an inference job is run, agreed by all three workers, paid and attributed', 180_000, async () => {
  const model = (await api.call.modelsApi.model(DEMO_MODEL)).unwrap();
  const price = model.price.toBigInt();
  const computeFee = api.consts.compute.computeFee.toBigInt();
  const fee = price + computeFee * BigInt(api.consts.compute.replication.toNumber());
  const features = digit(0);
  const submitted = await sendAndWait(
    api.tx.compute.submitInference(DEMO_MODEL, u8aToHex(f32Bytes(features)), fee), eve, { until: 'inBlock' });
  const id = findEvent(submitted.events, api.events.compute.InferenceSubmitted).data.job.toNumber();
  const job = (await (await api.at(submitted.blockHash)).call.computeApi.job(id)).unwrap();
  const statementAt = async (hash) => (await api.at(hash)).call.royaltiesApi.modelStatement(DEMO_MODEL);
  const before = await statementAt(submitted.blockHash);

  const end = await jobEnd(id, 150_000);
  assert.equal(end.end.method, 'JobCompleted', `job ${id} ended with ${end.end.method}`);
  assert.equal(end.number, job.settlesAt.toNumber(), 'settled at its deadline');
  const completed = end.end.data;
  assert.equal(completed.agreed.length, 3, 'all three workers agreed');
  assert.equal(computeEvents(end.events, 'WorkerSlashed').length, 0);
  assert.equal(completed.computePaid.toBigInt(), 3n * computeFee);
  assert.equal(completed.royaltiesPaid.toBigInt(), price);
  assert.equal(completed.refunded.toBigInt(), 0n);
  // The price went to the model, and the owner's share of it as the model's split says (the
  // data's and the treasury's shares are paid out of the rest).
  const after = await statementAt(end.hash);
  assert.equal(after.revenue.toBigInt() - before.revenue.toBigInt(), price);
  assert.equal(after.ownerEarned.toBigInt() - before.ownerEarned.toBigInt(),
    BigInt(model.split.owner.toNumber()) * price / 1_000_000_000n);

  const result = (await (await api.at(end.hash)).call.computeApi.result(id)).unwrap();
  const row = result.output.asInference.map((value) => value.toNumber());
  const local = inferLocally(store, model.weightsHash.toHex(), features);
  assert.deepEqual(row, local.row, 'the chain holds what lineage-ml computes locally');
  const predicted = row.indexOf(Math.max(...row));
  assert.equal(predicted, local.cls);
  assert.equal(predicted, digitLabel(0), 'the demo model reads the first digit right');
  for (const attested of result.attestations) {
    assert.equal(attested.attestation.weightsHash.toHex(), model.weightsHash.toHex());
    assert.equal(attested.attestation.backend.toNumber(), 1, 'the CPU reference backend');
  }
});

e2e('a job whose weights no worker has ends in recorded failures and a refund, nobody slashed', 180_000, async () => {
  const spec = (await api.call.modelsApi.model(DEMO_MODEL)).unwrap().spec;
  const absent = `0x${'ab'.repeat(32)}`;
  // Eve registers a model whose weights she never shares: no worker's store has them.
  const registered = await sendAndWait(api.tx.models.register(
    stringToHex('no-weights'), spec, absent, '0x', { commercialUse: true, derivativesAllowed: true },
    1_000_000n, { owner: 800_000_000, upstream: 0, data: 100_000_000, treasury: 100_000_000 }, [],
    [{ dataset: 0, version: 2, weight: 1_000_000_000 }]), eve, { until: 'inBlock' });
  assert.equal(registered.dispatchError, undefined);
  const model = findEvent(registered.events, api.events.models.ModelRegistered).data.model.toNumber();
  const fee = 1_000_000n + api.consts.compute.computeFee.toBigInt() * 3n;
  const submitted = await sendAndWait(
    api.tx.compute.submitInference(model, u8aToHex(f32Bytes(digit(1))), fee), eve, { until: 'inBlock' });
  const id = findEvent(submitted.events, api.events.compute.InferenceSubmitted).data.job.toNumber();

  const end = await jobEnd(id, 150_000);
  assert.equal(end.end.method, 'JobExpired');
  assert.equal(end.end.data.refunded.toBigInt(), fee);
  assert.equal(computeEvents(end.events, 'WorkerSlashed').length, 0, 'a reported failure is not silence');
  // The failures were recorded on chain before the deadline, each with the missing hash.
  const failures = [];
  for (let number = end.number - 1; number > end.number - 12 && failures.length < 3; number -= 1) {
    const hash = await api.rpc.chain.getBlockHash(number);
    failures.push(...computeEvents(await (await api.at(hash)).query.system.events(), 'WorkerFailed')
      .filter((failed) => failed.job.toNumber() === id));
  }
  assert.equal(failures.length, 3);
  for (const failed of failures) {
    // As JSON: a polkadot.js value's own `hash` property would shadow the field.
    assert.deepEqual(failed.failure.toJSON(), { missingBlob: { hash: absent } });
  }
});

e2e('a training job registers the model lineage-ml trains locally from the same data and seed', 240_000, async () => {
  // Governance shortens the training commit window (100 blocks by default) for the test.
  const shorter = api.tx.parameters.setParameter({ Compute: { TrainingCommitPeriod: [null, 6] } });
  const sudid = await sendAndWait(api.tx.sudo.sudo(shorter), alice, { until: 'inBlock' });
  assert.equal(findEvent(sudid.events, api.events.sudo.Sudid).data.sudoResult.isOk, true);

  const spec = (await api.call.modelsApi.model(DEMO_MODEL)).unwrap().spec;
  const settings = { optimizer: 'Adam', learningRate: 1_000_000, epochs: 3, batchSize: 32, seed: 7, heldOutPercent: 20 };
  const license = { commercialUse: true, derivativesAllowed: true };
  const split = { owner: 800_000_000, upstream: 0, data: 100_000_000, treasury: 100_000_000 };
  const maxFee = 10n ** 12n;
  const submitted = await sendAndWait(api.tx.compute.submitTraining(
    stringToHex('digits-mlp-3'), spec, [[0, 2]], [], settings, license, 1_000_000n, split, maxFee), eve, { until: 'inBlock' });
  assert.equal(submitted.dispatchError, undefined);
  const id = findEvent(submitted.events, api.events.compute.TrainingSubmitted).data.job.toNumber();

  const end = await jobEnd(id, 200_000);
  assert.equal(end.end.method, 'TrainingCompleted', `job ${id} ended with ${end.end.method}`);
  const completed = end.end.data;
  assert.equal(completed.agreed.length, 3);
  const trainingFee = (await api.call.datasetsApi.dataset(0)).unwrap().license.trainingFee.toBigInt();
  assert.equal(completed.trainingFeesPaid.toBigInt(), trainingFee);
  const modelId = completed.model.unwrap().toNumber();
  const model = (await (await api.at(end.hash)).call.modelsApi.model(modelId)).unwrap();
  assert.equal(model.owner.toString(), eve.address);
  assert.deepEqual(model.datasets.map((used) => [used.dataset.toNumber(), used.version.toNumber(), used.weight.toNumber()]),
    [[0, 2, 1_000_000_000]], 'one dataset: the whole attribution');

  // The same spec, data (version 2 is the whole shipped file) and settings, trained locally.
  const out = join(store, 'local.weights');
  const printed = engine(['train', '--spec', DIGITS_MLP_SPEC, '--data', DIGITS_CSV, '--out', out,
    '--optimizer', 'adam', '--learning-rate', '0.001', '--epochs', '3', '--batch', '32', '--seed', '7', '--held-out', '20']);
  const [, localHash] = printed.match(/weights (0x[0-9a-f]{64})/);
  assert.equal(model.weightsHash.toHex(), localHash);
  // The trained weights are in the node's store now: the new model can serve inference.
  const result = (await (await api.at(end.hash)).call.computeApi.result(id)).unwrap();
  assert.equal(result.output.asTraining.weightsHash.toHex(), localHash);
});

e2e('lineage_* RPC reports the node-local service: workers, recent jobs, blobs, engine', 60_000, async () => {
  const rpc = (method, params = []) => provider.send(method, params);
  const status = await rpc('lineage_mlStatus');
  assert.equal(status.enabled, true);
  assert.equal(status.workers.length, 3, JSON.stringify(status.workers));
  assert.ok(status.workers.includes(alice.address), 'Alice serves as a worker');
  assert.ok(status.recent.some((job) => job.kind === 'inference' && job.failure === null && job.seconds > 0));
  assert.ok(status.recent.some((job) => job.failure?.missingBlob?.hash === `0x${'ab'.repeat(32)}`));
  assert.ok(Array.isArray(status.queued) && Array.isArray(status.running));

  const model = (await api.call.modelsApi.model(DEMO_MODEL)).unwrap();
  assert.deepEqual(await rpc('lineage_blob', [model.weightsHash.toHex()]), { blob: true, dataset: false });
  const [[, latest]] = await api.call.datasetsApi.datasetVersions(0, 2, 1);
  assert.deepEqual(await rpc('lineage_blob', [latest.root.toHex()]), { blob: false, dataset: true });
  assert.deepEqual(await rpc('lineage_blob', [`0x${'cd'.repeat(32)}`]), { blob: false, dataset: false });
  await assert.rejects(rpc('lineage_blob', ['0x12']), /invalid|Invalid/);

  const engineInfo = await rpc('lineage_engine');
  assert.match(engineInfo.version, /^\d+\.\d+\.\d+/);
  assert.ok(engineInfo.backends.includes('flex'));
  assert.equal(engineInfo.device, 'flex');
});
