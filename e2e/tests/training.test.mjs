// Training jobs on a real `lineage-node --dev`: Eve asks for a model fine-tuned from the demo
// model on version 2 of the demo digits; the compute and training fees are held and three
// development workers drawn. The workers, played here by the client, commit to and then
// reveal attested training outcomes: two agree on the weights hash, metric and attribution,
// the third reports other weights. At its deadline the job settles: the model is registered
// for Eve with the agreed weights hash and attribution, the digits' contributors get the
// training fee, the agreeing workers their compute fee, and the outlier is slashed.

import assert from 'node:assert/strict';

import { stringToHex, stringToU8a, u8aConcat } from '@polkadot/util';
import { blake2AsU8a, decodeAddress } from '@polkadot/util-crypto';

import { dispatchErrorName, findEvent, freeBalanceAt, sendAndWait, waitForHead } from '../lib/chain.mjs';
import { devNodeSuite, LIN } from '../lib/suite.mjs';

let api;
let keyring;
let eve;
let alice;

const { e2e } = devNodeSuite((ctx) => {
  ({ api, keyring } = ctx);
  eve = keyring.createFromUri('//Eve');
  alice = keyring.createFromUri('//Alice');
});

const DEMO_MODEL = 0;
const DEMO_DATASET = 0;
const EPOCHS = 30;
const PARTS = 1_000_000_000; // Perbill's one

const settings = {
  optimizer: 'Adam',
  learningRate: 1_000_000, // 0.001
  epochs: EPOCHS,
  batchSize: 32,
  seed: 42,
  heldOutPercent: 20,
};
const license = { commercialUse: true, derivativesAllowed: true };
const split = { owner: 700_000_000, upstream: 100_000_000, data: 100_000_000, treasury: 100_000_000 };
const price = 5n * LIN / 1000n;

const submitTraining = async (datasets, maxFee) => {
  const spec = (await api.call.modelsApi.model(DEMO_MODEL)).unwrap().spec;
  return api.tx.compute.submitTraining(
    stringToHex('digits-finetuned'), spec, datasets, [DEMO_MODEL], settings, license, price, split, maxFee);
};

const at = async (hash) => api.at(hash);

e2e('a training job registers the agreed model for its requester and pays the data it used', 300_000, async () => {
  // Governance shortens the training commit window so the test does not wait ten minutes.
  const shorter = api.tx.parameters.setParameter({ Compute: { TrainingCommitPeriod: [null, 3] } });
  const sudid = await sendAndWait(api.tx.sudo.sudo(shorter), alice, { until: 'inBlock' });
  assert.equal(findEvent(sudid.events, api.events.sudo.Sudid).data.sudoResult.isOk, true);

  const perEpoch = api.consts.compute.trainingFeePerEpoch.toBigInt();
  const replication = BigInt(api.consts.compute.replication.toNumber());
  // One dataset: a run for the model, one to measure the dataset's attribution.
  const compute = perEpoch * BigInt(EPOCHS) * 2n;
  const dataset = (await api.call.datasetsApi.dataset(DEMO_DATASET)).unwrap();
  const trainingFee = dataset.license.trainingFee.toBigInt();
  assert.equal(trainingFee, LIN / 10n);
  const fee = compute * replication + trainingFee;

  const unknown = await sendAndWait(await submitTraining([[DEMO_DATASET, 9]], fee), eve, { until: 'inBlock' });
  assert.equal(dispatchErrorName(api, unknown.dispatchError), 'compute.UnknownDataset');
  const low = await sendAndWait(await submitTraining([[DEMO_DATASET, 2]], fee - 1n), eve, { until: 'inBlock' });
  assert.equal(dispatchErrorName(api, low.dispatchError), 'compute.FeeAboveMax');

  const submitted = await sendAndWait(await submitTraining([[DEMO_DATASET, 2]], fee), eve, { until: 'inBlock' });
  assert.equal(submitted.dispatchError, undefined);
  const event = findEvent(submitted.events, api.events.compute.TrainingSubmitted).data;
  assert.equal(event.fee.toBigInt(), fee);
  const id = event.job.toNumber();
  const job = (await (await at(submitted.blockHash)).call.computeApi.job(id)).unwrap();
  assert.equal(job.held.toBigInt(), fee);
  assert.equal(job.computeFee.toBigInt(), compute);
  assert.equal(job.commitUntil.toNumber() - job.submittedAt.toNumber(), 3);
  const request = job.task.asTraining;
  assert.deepEqual(request.datasets.map((d) => [d.dataset.toNumber(), d.version.toNumber(), d.fee.toBigInt()]),
    [[DEMO_DATASET, 2, trainingFee]]);
  assert.equal(request.settings.epochs.toNumber(), EPOCHS);

  const dev = Object.fromEntries(['//Alice', '//Bob', '//Charlie'].map((uri) => {
    const pair = keyring.createFromUri(uri);
    return [pair.address, pair];
  }));
  const workers = job.workers.map((who) => dev[who.toString()]);

  // Two workers trained the same weights on the reference CPU backend; the third did not.
  const agreed = { weightsHash: `0x${'7a'.repeat(32)}`, metric: 973_100, attribution: [PARTS] };
  const other = { ...agreed, weightsHash: `0x${'0b'.repeat(32)}` };
  const outcomes = [agreed, agreed, other];
  const encode = (o) => api.createType('(H256, u64, Vec<Perbill>)', [o.weightsHash, o.metric, o.attribution]).toU8a();
  const salts = workers.map((_, index) => new Uint8Array(32).fill(index + 1));
  const committed = await Promise.all(workers.map((worker, index) => {
    const commitment = blake2AsU8a(u8aConcat(encode(outcomes[index]), salts[index], decodeAddress(worker.address)), 256);
    return sendAndWait(api.tx.compute.commitResult(id, commitment), worker, { until: 'inBlock' });
  }));
  for (const result of committed) assert.equal(result.dispatchError, undefined);

  const commitUntil = job.commitUntil.toNumber();
  await waitForHead((cb) => api.rpc.chain.subscribeNewHeads(cb), (n) => n > commitUntil, 90_000, `block ${commitUntil + 1}`);

  const attest = (worker, outcome, weightsHash = outcome.weightsHash) => {
    const attestation = api.createType('LineagePrimitivesComputeAttestation', {
      job: id,
      outputHash: blake2AsU8a(encode(outcome), 256),
      weightsHash,
      engineVersion: stringToHex('0.1.0'),
      backend: 1, // CPU, the reference backend
    });
    const payload = u8aConcat(stringToU8a('lineage/attestation/v1'), attestation.toU8a());
    return { attestation, signature: worker.sign(payload) };
  };
  const reveal = (worker, index, { weightsHash } = {}) => {
    const outcome = outcomes[index];
    const { attestation, signature } = attest(worker, outcome, weightsHash);
    return sendAndWait(api.tx.compute.revealTraining(
      id, outcome.weightsHash, outcome.metric, outcome.attribution, salts[index], attestation, signature), worker, { until: 'inBlock' });
  };
  // An attestation of other weights than the outcome's is refused.
  const mismatched = await reveal(workers[0], 0, { weightsHash: `0x${'00'.repeat(32)}` });
  assert.equal(dispatchErrorName(api, mismatched.dispatchError), 'compute.AttestationMismatch');
  const revealed = await Promise.all(workers.map((worker, index) => reveal(worker, index)));
  for (const result of revealed) {
    assert.equal(result.dispatchError, undefined);
    assert.ok(findEvent(result.events, api.events.compute.ResultRevealed));
  }

  const settlesAt = job.settlesAt.toNumber();
  await waitForHead((cb) => api.rpc.chain.subscribeNewHeads(cb), (n) => n >= settlesAt, 90_000, `block ${settlesAt}`);
  const before = await api.rpc.chain.getBlockHash(settlesAt - 1);
  const after = await api.rpc.chain.getBlockHash(settlesAt);
  const events = (await (await at(after)).query.system.events()).map(({ event }) => event);
  const completed = events.find((e) => api.events.compute.TrainingCompleted.is(e))?.data;
  assert.ok(completed, `no TrainingCompleted in block ${settlesAt}`);
  const [first, second, outlier] = workers;
  assert.deepEqual(completed.agreed.map(String), [first.address, second.address]);
  assert.equal(completed.computePaid.toBigInt(), 2n * compute);
  assert.equal(completed.trainingFeesPaid.toBigInt(), trainingFee);
  assert.equal(completed.refunded.toBigInt(), compute);
  assert.ok(completed.model.isSome);
  const modelId = completed.model.unwrap().toNumber();

  // The model is Eve's, with the agreed weights hash, its parent and the measured attribution.
  const apiAfter = await at(after);
  const model = (await apiAfter.call.modelsApi.model(modelId)).unwrap();
  assert.equal(model.owner.toString(), eve.address);
  assert.equal(model.weightsHash.toHex(), agreed.weightsHash);
  assert.equal(model.price.toBigInt(), price);
  assert.deepEqual(model.parents.map(Number), [DEMO_MODEL]);
  assert.deepEqual(model.datasets.map((d) => [d.dataset.toNumber(), d.version.toNumber(), d.weight.toNumber()]),
    [[DEMO_DATASET, 2, PARTS]]);
  const registered = events.find((e) => api.events.models.ModelRegistered.is(e))?.data;
  assert.equal(registered.model.toNumber(), modelId);

  // The digits' contributors got the training fee; the agreeing workers their compute fee.
  const paid = events.find((e) => api.events.royalties.TrainingFeePaid.is(e))?.data;
  assert.equal(paid.dataset.toNumber(), DEMO_DATASET);
  assert.equal(paid.version.toNumber(), 2);
  assert.equal(paid.amount.toBigInt(), trainingFee);
  for (const worker of [first, second]) {
    assert.equal(await freeBalanceAt(api, after, worker.address) - await freeBalanceAt(api, before, worker.address), compute);
  }
  const slash = events.find((e) => api.events.compute.WorkerSlashed.is(e))?.data;
  assert.equal(slash.worker.toString(), outlier.address);
  assert.equal(slash.offence.isDisagreed, true);

  // The receipt: the accepted outcome, the model it registered, the two attestations.
  const result = (await apiAfter.call.computeApi.result(id)).unwrap();
  assert.equal(result.model.unwrap().toNumber(), modelId);
  assert.equal(result.output.asTraining.weightsHash.toHex(), agreed.weightsHash);
  assert.equal(result.output.asTraining.metric.toNumber(), agreed.metric);
  assert.deepEqual(result.attestations.map((a) => a.worker.toString()), [first.address, second.address]);
  // Eve's lineage query now shows the demo model as the new one's parent.
  const lineage = (await apiAfter.call.modelsApi.lineage(modelId)).unwrap();
  assert.ok(lineage.nodes.some((node) => node.model.toNumber() === DEMO_MODEL));
});
