// Payments per block on a live `lineage-node --dev`, beside balance transfers per block in
// the same run: funds N payers, pre-signs one `royalties.pay` per payer for a model with the
// typical lineage (the demo model: no parents, one dataset), one for a deep lineage (a chain
// of 8 models, each trained on the demo dataset: 8 models and 8 pools per payment) and one
// `balances.transferKeepAlive` per payer, then submits each set at once and counts, block by
// block, how many were included and how full the block's normal class was.
//
//   node e2e/bench/royalties-throughput.mjs [--payers N]
//
// Run through scripts/royalties-throughput, which builds nothing: it uses the node in the
// shared target dir (or $LINEAGE_NODE_BIN).

import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';

import { sendAndWait } from '../lib/chain.mjs';
import { startNode } from '../lib/node.mjs';
import { LIN, SS58 } from '../lib/suite.mjs';
import { argument, calls, countPerBlock, log, presign, submitAll, upfrontWeight } from '../lib/throughput.mjs';

const PERBILL = 1_000_000_000;
const DEMO_MODEL = 0;
const DEMO_DATASET = 0;
const DEMO_VERSION = 2;
const DEEP_MODELS = 8;
const PRICE = LIN / 100n;

const payers = Number(argument('--payers') ?? 4_000);

/** Registers a chain of DEEP_MODELS models (each the parent of the next); returns the last id. */
async function registerDeepLineage(api, owner) {
  const spec = {
    input: { Image: { channels: 1, height: 8, width: 8 } },
    architecture: { Mlp: { hidden: [32], activation: 'Relu', dropout: 0 } },
    outputs: 10,
    task: 'Classification',
    outputScale: 65_536,
  };
  const split = { owner: 0.5 * PERBILL, upstream: 0.2 * PERBILL, data: 0.2 * PERBILL, treasury: 0.1 * PERBILL };
  let parent = DEMO_MODEL;
  for (let depth = 1; depth < DEEP_MODELS; depth += 1) {
    const registered = await sendAndWait(
      api.tx.models.register(
        `deep-${depth}`,
        spec,
        blake2AsHex(`deep-${depth} weights`),
        `lineage://bench/deep-${depth}.mpk`,
        { commercialUse: true, derivativesAllowed: true },
        PRICE,
        split,
        [parent],
        [{ dataset: DEMO_DATASET, version: DEMO_VERSION, weight: PERBILL }],
      ),
      owner,
      { until: 'inBlock' },
    );
    if (registered.dispatchError) throw new Error(`registering deep-${depth} failed`);
    const event = registered.events.find(({ event }) => api.events.models.ModelRegistered.is(event));
    parent = event.event.data[0].toNumber();
  }
  return parent;
}

function summary(name, { rows, sample }, upfront) {
  const counted = rows.filter((row) => row.count > 0);
  const best = counted.reduce((a, b) => (b.count > a.count ? b : a), { count: 0, fullness: 0 });
  return {
    name,
    total: counted.reduce((sum, row) => sum + row.count, 0),
    blocks: counted.length,
    maxPerBlock: best.count,
    normalClassFullnessOfThatBlock: best.fullness,
    chargedUpFrontMicros: upfront,
    chargedAfterDispatchMicros: sample?.weightMicros ?? null,
    feePlancks: sample?.fee ?? null,
    perBlock: counted.map((row) => row.count),
  };
}

async function main() {
  await cryptoWaitReady();
  const node = await startNode({ startupTimeoutMs: 60_000 });
  const { api } = node;
  try {
    const keyring = new Keyring({ type: 'sr25519', ss58Format: SS58 });
    const alice = keyring.addFromUri('//Alice');
    const ferdie = keyring.addFromUri('//Ferdie');
    log(`deriving ${payers} payers`);
    const accounts = Array.from({ length: payers }, (_, i) => keyring.addFromUri(`//bench/payer/${i}`));

    log('registering the deep lineage');
    const deepModel = await registerDeepLineage(api, ferdie);

    log(`funding ${payers} payers from Alice`);
    const aliceNonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
    const funding = [];
    for (let i = 0; i < accounts.length; i += 1) {
      funding.push(
        await api.tx.balances
          .transferKeepAlive(accounts[i].address, LIN)
          .signAsync(alice, { nonce: aliceNonce + i, era: 0 }),
      );
    }
    const funded = countPerBlock(api, payers, (extrinsic) => calls(extrinsic, 'balances', 'transferKeepAlive'), 240_000);
    await submitAll(api, funding);
    await funded;

    const phases = [
      ['typical payment (1 model, 1 pool)', 0, () => api.tx.royalties.pay(DEMO_MODEL, PRICE), (x) => calls(x, 'royalties', 'pay', DEMO_MODEL)],
      [`deep payment (${DEEP_MODELS} models, ${DEEP_MODELS} pools)`, 1, () => api.tx.royalties.pay(deepModel, PRICE), (x) => calls(x, 'royalties', 'pay', deepModel)],
      ['balance transfer', 2, (i) => api.tx.balances.transferKeepAlive(accounts[(i + 1) % payers].address, LIN / 1_000n), (x) => calls(x, 'balances', 'transferKeepAlive')],
    ];
    const results = [];
    for (const [name, nonce, makeTx, matches] of phases) {
      log(`pre-signing ${payers} × ${name}`);
      const signed = await presign(accounts, nonce, makeTx);
      const upfront = await upfrontWeight(api, signed[0]);
      const counted = countPerBlock(api, payers, matches, 240_000);
      log(`submitting ${payers} × ${name}`);
      await submitAll(api, signed);
      results.push(summary(name, await counted, upfront));
    }
    console.log(JSON.stringify({ payers, results }, null, 2));
  } finally {
    await node.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
