// Inference jobs on a real `lineage-node --dev`: a dApp submits a job for the demo model, the
// fee is held and three of the development workers are drawn; the workers, played here by
// the client, commit and then reveal results attested by their keys. At its deadline the job
// settles by quorum: two agreeing workers are paid, the model's lineage gets its price, the
// liar is slashed; a job nobody answers expires with a full refund. A worker whose capacity is
// below the model's size is never drawn, and accepted results are pruned after their
// retention, which governance sets.

import assert from 'node:assert/strict';

import { stringToHex, stringToU8a, u8aConcat } from '@polkadot/util';
import { blake2AsU8a, decodeAddress } from '@polkadot/util-crypto';

import { dispatchErrorName, findEvent, freeBalanceAt, sendAndWait, waitForHead } from '../lib/chain.mjs';
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
  assert.equal(job.task.asInference.input.toHex(), '0x010203');
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
  assert.equal(expired.event.data.reason.isNoResults, true);
  // Each silent worker loses a hundredth of its stake to the treasury.
  const slashed = events.filter(({ event }) => api.events.compute.WorkerSlashed.is(event)).map(({ event }) => event.data);
  assert.deepEqual(slashed.map((e) => e.worker.toString()).sort(), dev);
  assert.ok(slashed.every((e) => e.offence.isSilent && e.amount.toBigInt() > 0n));
  const after = (await api.at(blockHash)).call.computeApi;
  assert.equal((await after.job(id)).isNone, true);
  assert.deepEqual((await after.jobsOfRequester(eve.address)).map((j) => j.toNumber()), []);
});

e2e('two agreeing workers are paid, the lineage gets its price and the liar is slashed; a mismatched reveal is refused', 180_000, async () => {
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

  // Two workers computed the same scores; the third made one up.
  const output = [12, -7, 3];
  const lie = [900, 0, 0];
  const outputs = [output, output, lie];
  const encode = (values) => api.createType('Vec<i32>', values).toU8a();
  const salts = workers.map((_, index) => new Uint8Array(32).fill(index + 1));
  const commitments = workers.map((worker, index) =>
    blake2AsU8a(u8aConcat(encode(outputs[index]), salts[index], decodeAddress(worker.address)), 256));
  const committed = await Promise.all(workers.map((worker, index) =>
    sendAndWait(api.tx.compute.commitResult(id, commitments[index]), worker, { until: 'inBlock' })));
  for (const result of committed) {
    assert.equal(result.dispatchError, undefined);
    assert.ok(findEvent(result.events, api.events.compute.ResultCommitted));
  }

  // Reveals open after the commit period.
  const commitUntil = job.commitUntil.toNumber();
  await waitForHead((callback) => api.rpc.chain.subscribeNewHeads(callback), (number) => number > commitUntil, 90_000, `block ${commitUntil + 1}`);

  const attest = (worker, values) => {
    const attestation = api.createType('LineagePrimitivesComputeAttestation', {
      job: id,
      outputHash: blake2AsU8a(encode(values), 256),
      weightsHash: `0x${'11'.repeat(32)}`,
      engineVersion: stringToHex('0.1.0'),
      backend: 1,
    });
    const payload = u8aConcat(stringToU8a('lineage/attestation/v1'), attestation.toU8a());
    return { attestation, signature: worker.sign(payload) };
  };
  // The third worker tries a salt it did not commit with: refused, nothing stored.
  const [first, second, third] = workers;
  const wrong = attest(third, lie);
  const refused = await sendAndWait(
    api.tx.compute.revealResult(id, lie, new Uint8Array(32).fill(99), wrong.attestation, wrong.signature), third, { until: 'inBlock' });
  assert.equal(dispatchErrorName(api, refused.dispatchError), 'compute.CommitmentMismatch');

  const revealed = await Promise.all(workers.map((worker, index) => {
    const { attestation, signature } = attest(worker, outputs[index]);
    return sendAndWait(api.tx.compute.revealResult(id, outputs[index], salts[index], attestation, signature), worker, { until: 'inBlock' });
  }));
  for (const result of revealed) {
    assert.equal(result.dispatchError, undefined);
    assert.ok(findEvent(result.events, api.events.compute.ResultRevealed));
  }

  // At the start of block `settlesAt` the job settles.
  const settlesAt = job.settlesAt.toNumber();
  await waitForHead((callback) => api.rpc.chain.subscribeNewHeads(callback), (number) => number >= settlesAt, 90_000, `block ${settlesAt}`);
  const before = await api.rpc.chain.getBlockHash(settlesAt - 1);
  const after = await api.rpc.chain.getBlockHash(settlesAt);
  const events = (await (await api.at(after)).query.system.events()).map(({ event }) => event);
  const completed = events.find((event) => api.events.compute.JobCompleted.is(event))?.data;
  assert.ok(completed, `no JobCompleted in block ${settlesAt}`);
  const computeFee = api.consts.compute.computeFee.toBigInt();
  assert.deepEqual(completed.agreed.map(String), [first.address, second.address]);
  assert.equal(completed.computePaid.toBigInt(), 2n * computeFee);
  assert.equal(completed.royaltiesPaid.toBigInt(), price);
  assert.equal(completed.refunded.toBigInt(), computeFee);

  // The agreeing workers earned the compute fee; the lineage the price.
  for (const worker of [first, second]) {
    assert.equal(await freeBalanceAt(api, after, worker.address) - await freeBalanceAt(api, before, worker.address), computeFee);
  }
  const revenue = async (hash) => (await (await api.at(hash)).call.royaltiesApi.modelStatement(DEMO_MODEL)).revenue.toBigInt();
  assert.equal(await revenue(after) - await revenue(before), price);

  // The liar lost a tenth of its stake to the treasury.
  const slash = events.find((event) => api.events.compute.WorkerSlashed.is(event))?.data;
  assert.equal(slash.worker.toString(), third.address);
  assert.equal(slash.offence.isDisagreed, true);
  const stakeAt = async (hash) => (await (await api.at(hash)).call.computeApi.worker(third.address)).unwrap().stake.toBigInt();
  const stakeBefore = await stakeAt(before);
  assert.equal(slash.amount.toBigInt(), stakeBefore / 10n);
  assert.equal(await stakeAt(after), stakeBefore - stakeBefore / 10n);
  assert.equal((await (await api.at(after)).call.computeApi.worker(third.address)).unwrap().reputation.disagreed.toNumber(), 1);

  // The accepted result is stored with the two attestations.
  const result = (await (await api.at(after)).call.computeApi.result(id)).unwrap();
  assert.deepEqual(result.output.asInference.map((value) => value.toNumber()), output);
  assert.equal(result.model.unwrap().toNumber(), DEMO_MODEL);
  assert.deepEqual(result.attestations.map((a) => a.worker.toString()), [first.address, second.address]);
  assert.equal((await (await api.at(after)).call.computeApi.job(id)).isNone, true);
});

e2e('governance changes the compute fee through the parameters pallet; others cannot', 120_000, async () => {
  const alice = keyring.createFromUri('//Alice');
  const key = { Compute: { ComputeFee: null } };
  const stored = async () => (await api.query.parameters.parameters(key)).unwrap().asCompute.asComputeFee.toBigInt();
  // Nothing stored yet: the runtime's default, which metadata shows too.
  assert.equal((await api.query.parameters.parameters(key)).isNone, true);
  const fee = 3n * api.consts.compute.computeFee.toBigInt();
  const set = api.tx.parameters.setParameter({ Compute: { ComputeFee: [null, fee] } });

  const refused = await sendAndWait(set, eve, { until: 'inBlock' });
  assert.equal(dispatchErrorName(api, refused.dispatchError), 'BadOrigin');

  const done = await sendAndWait(api.tx.sudo.sudo(set), alice, { until: 'inBlock' });
  const sudid = findEvent(done.events, api.events.sudo.Sudid).data;
  assert.equal(sudid.sudoResult.isOk, true);
  assert.ok(findEvent(done.events, api.events.parameters.Updated));
  assert.equal(await stored(), fee);

  // A job submitted now holds, and records, the new fee.
  const price = (await api.call.modelsApi.model(DEMO_MODEL)).unwrap().price.toBigInt();
  const total = price + fee * BigInt(api.consts.compute.replication.toNumber());
  const old = await sendAndWait(api.tx.compute.submitInference(DEMO_MODEL, '0x01', total - 1n), eve, { until: 'inBlock' });
  assert.equal(dispatchErrorName(api, old.dispatchError), 'compute.FeeAboveMax');
  const submitted = await sendAndWait(api.tx.compute.submitInference(DEMO_MODEL, '0x01', total), eve, { until: 'inBlock' });
  const event = findEvent(submitted.events, api.events.compute.InferenceSubmitted).data;
  assert.equal(event.fee.toBigInt(), total);
  const job = (await (await api.at(submitted.blockHash)).call.computeApi.job(event.job)).unwrap();
  assert.equal(job.computeFee.toBigInt(), fee);
});

e2e('only workers able to load the model are drawn', 120_000, async () => {
  // Ferdie joins with room for models of 100 bytes; the demo model's weights take 9,640.
  const ferdie = keyring.createFromUri('//Ferdie');
  const ferdieKey = keyring.createFromUri('//Ferdie//lnml', undefined, 'sr25519');
  const stake = api.consts.compute.minWorkerStake.toBigInt();
  const joined = await sendAndWait(
    api.tx.compute.registerWorker(stake, { backends: 1, maxModelBytes: 100 }, ferdieKey.publicKey), ferdie, { until: 'inBlock' });
  assert.equal(joined.dispatchError, undefined);
  assert.ok((await api.call.computeApi.activeWorkers()).map(String).includes(ferdie.address));

  // Four active workers, three that can load the model: every job draws exactly those three.
  const price = (await api.call.modelsApi.model(DEMO_MODEL)).unwrap().price.toBigInt();
  // The compute fee as governance left it (the test above changes it), else the default.
  const set = await api.query.parameters.parameters({ Compute: { ComputeFee: null } });
  const computeFee = set.isSome ? set.unwrap().asCompute.asComputeFee.toBigInt() : api.consts.compute.computeFee.toBigInt();
  const fee = price + computeFee * BigInt(api.consts.compute.replication.toNumber());
  const capable = ['//Alice', '//Bob', '//Charlie'].map((uri) => keyring.createFromUri(uri).address).sort();
  for (const input of ['0x05', '0x06', '0x07']) {
    const submitted = await sendAndWait(api.tx.compute.submitInference(DEMO_MODEL, input, fee), eve, { until: 'inBlock' });
    assert.equal(submitted.dispatchError, undefined);
    const drawn = findEvent(submitted.events, api.events.compute.InferenceSubmitted).data.workers.map(String).sort();
    assert.deepEqual(drawn, capable);
  }
});

e2e('accepted results are pruned once governance shortens their retention', 150_000, async () => {
  // The honest/honest/liar job above left its result; a week is the default retention.
  const stored = async () => (await api.query.compute.results.keys()).map((key) => key.args[0].toNumber());
  const before = await stored();
  assert.ok(before.length > 0, 'a result from the earlier job');
  assert.ok((await api.call.computeApi.result(before[0])).isSome);

  const alice = keyring.createFromUri('//Alice');
  const shorter = api.tx.parameters.setParameter({ Compute: { ResultRetention: [null, 2] } });
  const done = await sendAndWait(api.tx.sudo.sudo(shorter), alice, { until: 'inBlock' });
  assert.equal(findEvent(done.events, api.events.sudo.Sudid).data.sudoResult.isOk, true);

  // Each block's hook prunes up to eight settled blocks, so the backlog clears in a few.
  await waitForHead(
    (callback) => api.rpc.chain.subscribeNewHeads(callback),
    () => true,
    30_000,
    'a block',
  );
  const deadline = Date.now() + 120_000;
  let left = await stored();
  while (left.some((id) => before.includes(id)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    left = await stored();
  }
  assert.deepEqual(left.filter((id) => before.includes(id)), []);
  assert.equal((await api.call.computeApi.result(before[0])).isNone, true);
});
