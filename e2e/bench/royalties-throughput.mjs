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
import { startNode, withTimeout } from '../lib/node.mjs';
import { LIN, SS58 } from '../lib/suite.mjs';

const PERBILL = 1_000_000_000;
const DEMO_MODEL = 0;
const DEMO_DATASET = 0;
const DEMO_VERSION = 2;
const DEEP_MODELS = 8;
const PRICE = LIN / 100n;

const payers = Number(argument('--payers') ?? 4_000);

function argument(name) {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function log(message) {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
}

/** Submits pre-signed extrinsics, a window at a time, and resolves when all are accepted. */
async function submitAll(api, signed) {
  const window = 256;
  for (let start = 0; start < signed.length; start += window) {
    await Promise.all(
      signed.slice(start, start + window).map((tx) => api.rpc.author.submitExtrinsic(tx)),
    );
  }
}

/** Signs `makeTx(i)` for every payer with `nonce`, immortal, so signing needs no block hash. */
async function presign(api, accounts, nonce, makeTx) {
  const signed = [];
  for (let i = 0; i < accounts.length; i += 1) {
    signed.push(await makeTx(i).signAsync(accounts[i], { nonce, era: 0 }));
  }
  return signed;
}

/**
 * Watches new blocks until `expected` successful extrinsics for which `matches(extrinsic)`
 * holds have been seen (or the timeout), and returns { rows, sample }: one row per block
 * ({ number, count, extrinsics, fullness }), and for the first counted extrinsic the weight
 * (µs) and fee (plancks) it was actually charged.
 */
async function countPerBlock(api, expected, matches, timeoutMs) {
  const maxNormal = api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap().refTime.toBigInt();
  const rows = [];
  let sample = null;
  let seen = 0;
  let unsubscribe;
  const done = new Promise((resolve, reject) => {
    api.rpc.chain
      .subscribeNewHeads(async (header) => {
        try {
          const apiAt = await api.at(header.hash);
          const [events, weight, block] = await Promise.all([
            apiAt.query.system.events(),
            apiAt.query.system.blockWeight(),
            api.rpc.chain.getBlock(header.hash),
          ]);
          const succeeded = new Set(
            events
              .filter(({ event, phase }) => phase.isApplyExtrinsic && api.events.system.ExtrinsicSuccess.is(event))
              .map(({ phase }) => phase.asApplyExtrinsic.toNumber()),
          );
          const counted = block.block.extrinsics
            .map((extrinsic, index) => ({ extrinsic, index }))
            .filter(({ extrinsic, index }) => succeeded.has(index) && matches(extrinsic));
          if (counted.length === 0 && rows.length === 0) return;
          if (!sample && counted.length > 0) sample = chargedFor(api, events, counted[0].index);
          seen += counted.length;
          const used = weight.normal.refTime.toBigInt();
          rows.push({
            number: header.number.toNumber(),
            count: counted.length,
            extrinsics: block.block.extrinsics.length,
            fullness: Number((used * 10_000n) / maxNormal) / 100,
          });
          log(`block ${header.number.toNumber()}: ${counted.length} counted, normal class ${rows.at(-1).fullness}% full`);
          if (seen >= expected) resolve();
        } catch (error) {
          reject(error);
        }
      })
      .then((u) => {
        unsubscribe = u;
      }, reject);
  });
  await withTimeout(done, timeoutMs, `${expected} extrinsics`).finally(() => unsubscribe?.());
  return { rows, sample };
}

/** The weight (µs of ref time) and fee the extrinsic at `index` was charged, from its events. */
function chargedFor(api, events, index) {
  const same = events.filter(({ phase }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.toNumber() === index);
  const success = same.find(({ event }) => api.events.system.ExtrinsicSuccess.is(event));
  const fee = same.find(({ event }) => api.events.transactionPayment.TransactionFeePaid.is(event));
  return {
    weightMicros: success ? Number(success.event.data.dispatchInfo.weight.refTime.toBigInt()) / 1e6 : null,
    fee: fee ? fee.event.data.actualFee.toBigInt().toString() : null,
  };
}

/** Whether `extrinsic` calls `section.method` (with `firstArg` as its first argument, if given). */
function calls(extrinsic, section, method, firstArg) {
  const call = extrinsic.method;
  if (call.section !== section || call.method !== method) return false;
  return firstArg === undefined || call.args[0].toString() === String(firstArg);
}

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

/** The weight (µs of ref time) `tx` is charged up front, from the runtime's payment API. */
async function upfrontWeight(api, tx) {
  const u8a = tx.toU8a();
  const info = await api.call.transactionPaymentApi.queryInfo(u8a, u8a.length);
  return Number(info.weight.refTime.toBigInt()) / 1e6;
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
      const signed = await presign(api, accounts, nonce, makeTx);
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
