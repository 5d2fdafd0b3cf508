// Helpers shared by the throughput benches (bench/*.mjs): pre-sign, submit in windows, and
// count per block what was included and how full the block's normal class was.

import { withTimeout } from './node.mjs';

export function log(message) {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
}

/** The value after `name` on the command line, or undefined. */
export function argument(name) {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** Submits pre-signed extrinsics, a window at a time, and resolves when all are accepted. */
export async function submitAll(api, signed, window = 256) {
  for (let start = 0; start < signed.length; start += window) {
    await Promise.all(
      signed.slice(start, start + window).map((tx) => api.rpc.author.submitExtrinsic(tx)),
    );
  }
}

/**
 * Signs `makeTx(i)` for every account with `nonce(i)`, immortal, so signing needs no block
 * hash. `nonce` is a number (the same for every account) or a function of the index.
 */
export async function presign(accounts, nonce, makeTx) {
  const nonceOf = typeof nonce === 'function' ? nonce : () => nonce;
  const signed = [];
  for (let i = 0; i < accounts.length; i += 1) {
    signed.push(await makeTx(i).signAsync(accounts[i], { nonce: nonceOf(i), era: 0 }));
  }
  return signed;
}

/**
 * Watches new blocks until `expected` successful extrinsics for which `matches(extrinsic)`
 * holds have been seen (or the timeout), and returns { rows, sample }: one row per block
 * ({ number, hash, count, extrinsics, fullness }), and for the first counted extrinsic the
 * weight (µs) and fee (plancks) it was actually charged.
 */
export async function countPerBlock(api, expected, matches, timeoutMs) {
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
            hash: header.hash.toHex(),
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
export function calls(extrinsic, section, method, firstArg) {
  const call = extrinsic.method;
  if (call.section !== section || call.method !== method) return false;
  return firstArg === undefined || call.args[0].toString() === String(firstArg);
}

/** The weight (µs of ref time) `tx` is charged up front, from the runtime's payment API. */
export async function upfrontWeight(api, tx) {
  const u8a = tx.toU8a();
  const info = await api.call.transactionPaymentApi.queryInfo(u8a, u8a.length);
  return Number(info.weight.refTime.toBigInt()) / 1e6;
}
