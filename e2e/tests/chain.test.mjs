// End-to-end checks of a real `lineage-node --dev`: chain identity, block production and
// finality, metrics, and the transaction path (fees, failed dispatch, pool rejections).
// One node serves the whole file; the tests run in order and share its chain state.

import assert from 'node:assert/strict';

import { u8aToHex } from '@polkadot/util';
import { mnemonicGenerate } from '@polkadot/util-crypto';

import { dispatchErrorName, findEvent, freeBalanceAt, sendAndWait, waitForHead } from '../lib/chain.mjs';
import { devNodeSuite, LIN, SS58 } from '../lib/suite.mjs';

let node;
let api;
let keyring;
let alice;
let bob;

const { e2e } = devNodeSuite((ctx) => {
  ({ node, api, keyring } = ctx);
  alice = keyring.createFromUri('//Alice');
  bob = keyring.createFromUri('//Bob');
});

// Note: for the pool rejections tested below, polkadot.js also logs the RPC error
// ("RPC-CORE: submitExtrinsic(...):: 1010: ...") before rejecting; those lines are expected.

const hex = (pair) => u8aToHex(pair.publicKey);
const freshAccount = () => keyring.createFromUri(mnemonicGenerate());

e2e('metadata loads and the chain identifies itself as Lineage', 30_000, async () => {
  assert.equal(api.registry.chainSS58, SS58);
  assert.equal(api.registry.chainDecimals[0], 12);
  assert.equal(api.registry.chainTokens[0], 'LIN');
  assert.equal(api.runtimeVersion.specName.toString(), 'lineage');
  assert.equal((await api.rpc.system.chain()).toString(), 'Lineage Development');

  const pallets = api.runtimeMetadata.asLatest.pallets.map((p) => p.name.toString());
  for (const pallet of ['System', 'Timestamp', 'Aura', 'Grandpa', 'Balances', 'TransactionPayment', 'Session', 'Validators', 'Sudo']) {
    assert.ok(pallets.includes(pallet), `pallet ${pallet} missing from metadata: ${pallets.join(', ')}`);
  }
});

e2e('blocks are produced and finalized', 90_000, async () => {
  // 6 s blocks: best #3 takes ~18 s; GRANDPA finality trails by a block or two.
  const [best, finalized] = await Promise.all([
    waitForHead((cb) => api.rpc.chain.subscribeNewHeads(cb), (n) => n >= 3, 85_000, 'best block >= 3'),
    waitForHead((cb) => api.rpc.chain.subscribeFinalizedHeads(cb), (n) => n >= 2, 85_000, 'finalized block >= 2'),
  ]);
  assert.ok(best >= 3 && finalized >= 2);
});

e2e('Prometheus metrics are served', 15_000, async () => {
  const res = await fetch(`http://127.0.0.1:${node.prometheusPort}/metrics`, {
    signal: AbortSignal.timeout(10_000),
  });
  assert.equal(res.status, 200);
  assert.match(await res.text(), /^substrate_block_height\b/m);
});

e2e('a signed transfer is finalized and charges amount plus fee', 120_000, async () => {
  const dest = freshAccount();
  const amount = 10n * LIN;

  const { blockHash, events } = await sendAndWait(
    api.tx.balances.transferKeepAlive(dest.address, amount),
    alice,
    { until: 'finalized', timeoutMs: 110_000 },
  );

  const transfer = findEvent(events, api.events.balances.Transfer);
  assert.ok(transfer, 'no balances.Transfer event');
  const [from, to, value] = transfer.data;
  assert.equal(from.toHex(), hex(alice));
  assert.equal(to.toHex(), hex(dest));
  assert.equal(value.toBigInt(), amount);
  assert.ok(findEvent(events, api.events.system.ExtrinsicSuccess), 'no system.ExtrinsicSuccess event');

  const feePaid = findEvent(events, api.events.transactionPayment.TransactionFeePaid);
  assert.ok(feePaid, 'no transactionPayment.TransactionFeePaid event');
  const [who, actualFee, tip] = feePaid.data;
  assert.equal(who.toHex(), hex(alice));
  assert.ok(actualFee.toBigInt() > 0n, 'fee must be positive');

  // Compare state just before and just after the including block, so nothing else that
  // happens on the chain meanwhile can disturb the arithmetic. Fees are burned, and Alice
  // gets no block reward, so her balance moves by exactly amount + fee (+ tip, zero here).
  const { parentHash } = await api.rpc.chain.getHeader(blockHash);
  const aliceBefore = await freeBalanceAt(api, parentHash, alice.address);
  const aliceAfter = await freeBalanceAt(api, blockHash, alice.address);
  assert.equal(aliceBefore - aliceAfter, amount + actualFee.toBigInt() + tip.toBigInt());
  assert.equal(await freeBalanceAt(api, blockHash, dest.address), amount);
});

e2e('a transfer beyond the balance fails in dispatch; an unfunded sender is refused by the pool', 120_000, async () => {
  const poor = freshAccount();
  await sendAndWait(api.tx.balances.transferKeepAlive(poor.address, 2n * LIN), alice, {
    until: 'inBlock',
    timeoutMs: 50_000,
  });

  // 2 LIN covers the fee, so the transaction is valid and included; only dispatch fails.
  const { blockHash, events, dispatchError } = await sendAndWait(
    api.tx.balances.transferAllowDeath(bob.address, 100n * LIN),
    poor,
    { until: 'inBlock', timeoutMs: 50_000 },
  );
  const failed = findEvent(events, api.events.system.ExtrinsicFailed);
  assert.ok(failed, 'no system.ExtrinsicFailed event');
  assert.ok(dispatchError, 'result carries no dispatchError');
  // pallet_balances' transfer goes through `fungible::Mutate::transfer`, whose shortfall is
  // `TokenError::FundsUnavailable` (a `Token` DispatchError, not a module error); older or
  // Currency-based paths give balances' own module errors. Any of them means "not enough funds".
  const reason = dispatchErrorName(api, failed.data[0]);
  assert.ok(
    ['Token.FundsUnavailable', 'balances.FundsUnavailable', 'balances.InsufficientBalance'].includes(reason),
    `unexpected dispatch error ${reason}`,
  );
  const feePaid = findEvent(events, api.events.transactionPayment.TransactionFeePaid);
  assert.ok(feePaid, 'the failed transfer should still pay its fee');
  assert.equal(feePaid.data[0].toHex(), hex(poor));

  const { parentHash } = await api.rpc.chain.getHeader(blockHash);
  assert.equal(
    await freeBalanceAt(api, blockHash, bob.address),
    await freeBalanceAt(api, parentHash, bob.address),
    "Bob's balance must not change",
  );

  // An account that does not exist cannot pay the fee: the pool refuses it outright.
  const broke = freshAccount();
  await assert.rejects(api.tx.balances.transferKeepAlive(bob.address, LIN).signAndSend(broke), (error) => {
    assert.match(error.message, /Inability to pay some fees/);
    assert.equal(error.code, 1010);
    return true;
  });
});

e2e('a transaction with a bad signature is rejected and the chain goes on', 60_000, async () => {
  const tx = api.tx.balances.transferKeepAlive(bob.address, LIN);
  await tx.signAsync(alice);
  const good = tx.toU8a();

  // Flip one byte of Alice's signature inside the encoded extrinsic; everything else stays.
  const signature = tx.signature.toU8a();
  const at = Buffer.from(good).indexOf(Buffer.from(signature));
  assert.ok(signature.length === 64 && at > 0, 'signature not found in the encoded extrinsic');
  const bad = good.slice();
  bad[at] ^= 0xff;

  const { number } = await api.rpc.chain.getHeader();
  await assert.rejects(api.rpc.author.submitExtrinsic(u8aToHex(bad)), (error) => {
    assert.match(error.message, /bad signature/i);
    assert.equal(error.code, 1010);
    return true;
  });
  // The untouched bytes are accepted: the corrupted byte alone made the difference.
  await api.rpc.author.submitExtrinsic(u8aToHex(good));

  const start = number.toNumber();
  await waitForHead((cb) => api.rpc.chain.subscribeNewHeads(cb), (n) => n >= start + 2, 50_000, `best block >= ${start + 2}`);
});
