// The compute pallet's worker registry on a real `lineage-node --dev`: the development
// workers from genesis, a new worker registering with a stake and an `lnml` key, changing,
// bonding more and leaving, read through `api.call.computeApi`.

import assert from 'node:assert/strict';

import { dispatchErrorName, findEvent, sendAndWait } from '../lib/chain.mjs';
import { devNodeSuite, LIN } from '../lib/suite.mjs';

let api;
let keyring;
let ferdie;
let ferdieKey;

const { e2e } = devNodeSuite((ctx) => {
  ({ api, keyring } = ctx);
  ferdie = keyring.createFromUri('//Ferdie');
  // A worker's attestation key is its own sr25519 key, kept by its node (key type `lnml`).
  ferdieKey = keyring.createFromUri('//Ferdie//lnml', undefined, 'sr25519');
});

const CPU = 0b001;
const WGPU = 0b010;

e2e('the development chain starts with Alice, Bob and Charlie as workers', 60_000, async () => {
  const compute = api.call.computeApi;
  const active = (await compute.activeWorkers()).map((who) => who.toString());
  const expected = ['//Alice', '//Bob', '//Charlie'].map((uri) => keyring.createFromUri(uri).address);
  assert.deepEqual(active, expected);
  const alice = (await compute.worker(expected[0])).unwrap();
  assert.equal(alice.status.isActive, true);
  assert.equal(alice.capabilities.backends.toNumber() & CPU, CPU);
  assert.equal((await compute.workerOfKey(alice.key)).unwrap().toString(), expected[0]);
});

e2e('a worker registers, changes, bonds more and leaves; its stake stays held while unbonding', 180_000, async () => {
  const minimum = api.consts.compute.minWorkerStake.toBigInt();
  const capabilities = { backends: CPU, maxModelBytes: 10_000_000 };

  const tooSmall = await sendAndWait(
    api.tx.compute.registerWorker(minimum - 1n, capabilities, ferdieKey.publicKey), ferdie, { until: 'inBlock' });
  assert.equal(dispatchErrorName(api, tooSmall.dispatchError), 'compute.StakeBelowMinimum');

  const registered = await sendAndWait(
    api.tx.compute.registerWorker(minimum, capabilities, ferdieKey.publicKey), ferdie, { until: 'inBlock' });
  assert.equal(registered.dispatchError, undefined);
  const event = findEvent(registered.events, api.events.compute.WorkerRegistered).data;
  assert.equal(event.worker.toString(), ferdie.address);
  assert.equal(event.stake.toBigInt(), minimum);
  const held = await api.query.balances.holds(ferdie.address);
  assert.equal(held.find((h) => h.id.isCompute)?.amount.toBigInt(), minimum);

  const compute = () => api.call.computeApi;
  assert.equal((await compute().workerOfKey(ferdieKey.publicKey)).unwrap().toString(), ferdie.address);

  const again = await sendAndWait(
    api.tx.compute.registerWorker(minimum, capabilities, ferdieKey.publicKey), ferdie, { until: 'inBlock' });
  assert.equal(dispatchErrorName(api, again.dispatchError), 'compute.AlreadyRegistered');

  const gpu = { backends: CPU | WGPU, maxModelBytes: 100_000_000 };
  const updated = await sendAndWait(api.tx.compute.updateWorker(gpu, ferdieKey.publicKey), ferdie, { until: 'inBlock' });
  assert.equal(updated.dispatchError, undefined);
  const bonded = await sendAndWait(api.tx.compute.bondExtra(LIN), ferdie, { until: 'inBlock' });
  assert.equal(findEvent(bonded.events, api.events.compute.StakeBonded).data.stake.toBigInt(), minimum + LIN);
  const worker = (await compute().worker(ferdie.address)).unwrap();
  assert.equal(worker.capabilities.backends.toNumber(), CPU | WGPU);
  assert.equal(worker.stake.toBigInt(), minimum + LIN);

  const left = await sendAndWait(api.tx.compute.unregisterWorker(), ferdie, { until: 'inBlock' });
  const until = findEvent(left.events, api.events.compute.WorkerUnbonding).data.until.toNumber();
  const unbonding = (await (await api.at(left.blockHash)).call.computeApi.worker(ferdie.address)).unwrap();
  assert.equal(unbonding.status.asUnbonding.until.toNumber(), until);
  const activeAfter = (await (await api.at(left.blockHash)).call.computeApi.activeWorkers()).map(String);
  assert.ok(!activeAfter.includes(ferdie.address));
  const early = await sendAndWait(api.tx.compute.withdrawStake(), ferdie, { until: 'inBlock' });
  assert.equal(dispatchErrorName(api, early.dispatchError), 'compute.StillUnbonding');
  const stillHeld = await api.query.balances.holds(ferdie.address);
  assert.equal(stillHeld.find((h) => h.id.isCompute)?.amount.toBigInt(), minimum + LIN);
});
