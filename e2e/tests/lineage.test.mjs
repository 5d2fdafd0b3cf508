// Datasets and models on a real `lineage-node --dev`, driven as a dApp would: extrinsics
// through `api.tx`, queries through the runtime APIs (`api.call.datasetsApi.*`,
// `api.call.modelsApi.*`) with every type taken from metadata — no hand-written type bundle.

import assert from 'node:assert/strict';

import { blake2AsHex } from '@polkadot/util-crypto';

import { dispatchErrorName, findEvent, sendAndWait } from '../lib/chain.mjs';
import { devNodeSuite, LIN } from '../lib/suite.mjs';

let api;
let alice;
let dave;
let eve;
let ferdie;

const { e2e } = devNodeSuite((ctx) => {
  ({ api } = ctx);
  alice = ctx.keyring.createFromUri('//Alice');
  dave = ctx.keyring.createFromUri('//Dave');
  eve = ctx.keyring.createFromUri('//Eve');
  ferdie = ctx.keyring.createFromUri('//Ferdie');
});

// The development preset's demo lineage (runtime/src/genesis_demo.rs).
const DEMO_DATASET = 0;
const DEMO_MODEL = 0;
const PERBILL = 1_000_000_000;

const mlp = {
  input: { Image: { channels: 1, height: 8, width: 8 } },
  architecture: { Mlp: { hidden: [64, 32], activation: 'Gelu', dropout: 100_000 } },
  outputs: 10,
  task: 'Classification',
  outputScale: 65_536,
};
const split = (owner, upstream, data, treasury) =>
  ({ owner: owner * PERBILL / 100, upstream: upstream * PERBILL / 100, data: data * PERBILL / 100, treasury: treasury * PERBILL / 100 });

const registerModel = (datasets, parents) =>
  api.tx.models.register(
    'ferdie-digits',
    mlp,
    blake2AsHex('ferdie-digits weights'),
    'lineage://ferdie/digits.mpk',
    { commercialUse: true, derivativesAllowed: true },
    LIN / 100n,
    split(50, 20, 20, 10),
    parents,
    datasets,
  );

async function modelDepositHeld(address, at) {
  const apiAt = at ? await api.at(at) : api;
  const holds = await apiAt.query.balances.holds(address);
  return holds
    .filter((hold) => hold.id.isModels)
    .reduce((sum, hold) => sum + hold.amount.toBigInt(), 0n);
}

e2e('the development chain starts with the demo dataset and model', 30_000, async () => {
  const dataset = (await api.call.datasetsApi.dataset(DEMO_DATASET)).unwrap();
  assert.equal(dataset.curator.toString(), alice.address);
  assert.equal(dataset.latestVersion.toNumber(), 2);
  assert.equal(dataset.itemCount.toNumber(), 1797);
  assert.ok(dataset.status.isActive);

  const contributors = await api.call.datasetsApi.contributors(DEMO_DATASET, null, 10);
  const shares = contributors.map(([, s]) => s.toNumber()).sort((a, b) => a - b);
  assert.deepEqual(shares, [297, 500, 1000]);

  const lineage = (await api.call.modelsApi.lineage(DEMO_MODEL)).unwrap();
  assert.equal(lineage.nodes.length, 1);
  assert.equal(lineage.nodes[0].owner.toString(), dave.address);
  assert.equal(lineage.nodes[0].datasets[0].dataset.toNumber(), DEMO_DATASET);
  assert.equal(lineage.nodes[0].datasets[0].version.toNumber(), 2);
  assert.deepEqual(
    (await api.call.modelsApi.modelsTrainedOn(DEMO_DATASET)).map((id) => id.toNumber()),
    [DEMO_MODEL],
  );
});

e2e('register a dataset, contribute, accept, register a model on it, read its lineage', 150_000, async () => {
  // Eve registers a dataset of 40 sketches.
  const registered = await sendAndWait(
    api.tx.datasets.register(
      blake2AsHex('eve sketches v0'),
      40,
      'lineage://eve/sketches.csv',
      blake2AsHex('eve sketches metadata'),
      { trainingAllowed: true, commercialUseAllowed: true, trainingFee: LIN / 10n },
    ),
    eve,
    { until: 'inBlock' },
  );
  assert.equal(registered.dispatchError, undefined);
  const datasetId = findEvent(registered.events, api.events.datasets.DatasetRegistered).data.dataset.toNumber();

  // Ferdie proposes 10 more; Eve accepts them as version 1.
  const proposed = await sendAndWait(
    api.tx.datasets.proposeContribution(datasetId, blake2AsHex('ferdie sketches'), 10),
    ferdie,
    { until: 'inBlock' },
  );
  const contribution = findEvent(proposed.events, api.events.datasets.ContributionProposed).data.contribution;
  const accepted = await sendAndWait(
    api.tx.datasets.acceptContribution(contribution, blake2AsHex('eve sketches v1')),
    eve,
    { until: 'inBlock' },
  );
  const acceptedEvent = findEvent(accepted.events, api.events.datasets.ContributionAccepted);
  assert.equal(acceptedEvent.data.version.toNumber(), 1);
  assert.equal(acceptedEvent.data.shares.toNumber(), 10);

  const datasetsAt = (await api.at(accepted.blockHash)).call.datasetsApi;
  const versions = await datasetsAt.datasetVersions(datasetId, 0, 10);
  assert.deepEqual(versions.map(([v, record]) => [v.toNumber(), record.itemCount.toNumber()]), [[0, 40], [1, 50]]);
  const contributors = await datasetsAt.contributors(datasetId, null, 10);
  const ferdieShares = contributors.find(([who]) => who.toString() === ferdie.address);
  assert.equal(ferdieShares[1].toNumber(), 10);
  assert.deepEqual((await datasetsAt.datasetsOfCurator(eve.address)).map((id) => id.toNumber()), [datasetId]);

  // Ferdie fine-tunes the demo model on the demo digits (70%) and Eve's sketches (30%).
  const modelRegistered = await sendAndWait(
    registerModel(
      [
        { dataset: DEMO_DATASET, version: 2, weight: 70 * PERBILL / 100 },
        { dataset: datasetId, version: 1, weight: 30 * PERBILL / 100 },
      ],
      [DEMO_MODEL],
    ),
    ferdie,
    { until: 'inBlock' },
  );
  assert.equal(modelRegistered.dispatchError, undefined);
  const modelEvent = findEvent(modelRegistered.events, api.events.models.ModelRegistered).data;
  const modelId = modelEvent.model.toNumber();
  assert.equal(modelEvent.depth.toNumber(), 1);
  assert.ok(modelEvent.commercial.isTrue);

  const modelsAt = (await api.at(modelRegistered.blockHash)).call.modelsApi;
  const lineage = (await modelsAt.lineage(modelId)).unwrap();
  assert.equal(lineage.root.toNumber(), modelId);
  assert.ok(lineage.truncated.isFalse);
  assert.deepEqual(
    lineage.nodes.map((n) => [n.model.toNumber(), n.distance.toNumber()]),
    [[modelId, 0], [DEMO_MODEL, 1]],
  );
  assert.deepEqual(
    lineage.nodes[0].datasets.map((d) => [d.dataset.toNumber(), d.version.toNumber(), d.weight.toNumber()]),
    [[DEMO_DATASET, 2, 700_000_000], [datasetId, 1, 300_000_000]],
  );
  // The parent's own training data is part of the tree.
  assert.equal(lineage.nodes[1].datasets[0].dataset.toNumber(), DEMO_DATASET);
  assert.ok(lineage.nodes[1].status.isRegistered);

  const model = (await modelsAt.model(modelId)).unwrap();
  assert.equal(model.owner.toString(), ferdie.address);
  assert.ok(model.spec.architecture.isMlp);
  assert.deepEqual(model.spec.architecture.asMlp.hidden.map((w) => w.toNumber()), [64, 32]);
  assert.equal(model.spec.architecture.asMlp.dropout.toNumber(), 100_000);
  assert.ok(model.spec.task.isClassification);
  assert.equal(model.spec.outputScale.toNumber(), 65_536);
  assert.deepEqual((await modelsAt.modelsTrainedOn(datasetId)).map((id) => id.toNumber()), [modelId]);
  assert.ok((await modelsAt.modelsOfOwner(ferdie.address)).some((id) => id.toNumber() === modelId));
  assert.equal(await modelDepositHeld(ferdie.address, modelRegistered.blockHash), 10n * LIN);
});

e2e('bad registrations fail with the pallet error name and hold nothing', 90_000, async () => {
  const heldBefore = await modelDepositHeld(ferdie.address);

  const notOne = await sendAndWait(
    registerModel([{ dataset: DEMO_DATASET, version: 2, weight: 90 * PERBILL / 100 }], [DEMO_MODEL]),
    ferdie,
    { until: 'inBlock' },
  );
  assert.equal(dispatchErrorName(api, notOne.dispatchError), 'models.AttributionNotOne');

  const unknown = await sendAndWait(
    registerModel([{ dataset: 999, version: 0, weight: PERBILL }], [DEMO_MODEL]),
    ferdie,
    { until: 'inBlock' },
  );
  assert.equal(dispatchErrorName(api, unknown.dispatchError), 'models.UnknownDataset');

  assert.equal(await modelDepositHeld(ferdie.address, unknown.blockHash), heldBefore);
});
