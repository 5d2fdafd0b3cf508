// Royalties on a real `lineage-node --dev`: a dApp pays the demo model, reads the events and
// the statements through `api.call.royaltiesApi`, and contributors and owners claim.

import assert from 'node:assert/strict';

import { findEvent, freeBalanceAt, sendAndWait } from '../lib/chain.mjs';
import { devNodeSuite, LIN } from '../lib/suite.mjs';

let api;
let bob;
let dave;
let eve;

const { e2e } = devNodeSuite((ctx) => {
  ({ api } = ctx);
  bob = ctx.keyring.createFromUri('//Bob');
  dave = ctx.keyring.createFromUri('//Dave');
  eve = ctx.keyring.createFromUri('//Eve');
});

// The development preset's demo lineage (runtime/src/genesis_demo.rs): model 0 is Dave's,
// split 70% owner / 20% data / 10% treasury, trained on version 2 of dataset 0, whose 1,797
// shares are Alice's 1,000, Bob's 500 and Charlie's 297.
const DEMO_DATASET = 0;
const DEMO_MODEL = 0;

function feePaid(events) {
  return findEvent(events, api.events.transactionPayment.TransactionFeePaid).data.actualFee.toBigInt();
}

e2e('pay a model, read the statements, claim: balances grow by what was owed', 120_000, async () => {
  const paid = await sendAndWait(api.tx.royalties.pay(DEMO_MODEL, LIN), eve, { until: 'inBlock' });
  assert.equal(paid.dispatchError, undefined);
  const event = findEvent(paid.events, api.events.royalties.ModelPaid).data;
  assert.equal(event.amount.toBigInt(), LIN);
  assert.equal(event.owners.toBigInt(), (LIN * 70n) / 100n);
  assert.equal(event.data.toBigInt(), (LIN * 20n) / 100n);
  assert.equal(event.treasury.toBigInt(), (LIN * 10n) / 100n);

  const royaltiesAt = (await api.at(paid.blockHash)).call.royaltiesApi;
  const statement = await royaltiesAt.datasetEarnings(bob.address, DEMO_DATASET);
  const owed = statement.claimable.toBigInt();
  // Bob holds 500 of the 1,797 shares of version 2: 0.2 LIN × 500 / 1,797, rounded down.
  const naive = ((LIN * 20n) / 100n) * 500n / 1797n;
  assert.ok(owed <= naive && naive - owed <= 1n, `${owed} vs ${naive}`);
  assert.equal(statement.earned.toBigInt(), owed);
  assert.deepEqual((await royaltiesAt.poolsOf(bob.address)).map((id) => id.toNumber()), [DEMO_DATASET]);
  const model = await royaltiesAt.modelStatement(DEMO_MODEL);
  assert.equal(model.revenue.toBigInt(), LIN);
  assert.equal(model.ownerEarned.toBigInt(), (LIN * 70n) / 100n);

  const claimed = await sendAndWait(api.tx.royalties.claim(DEMO_DATASET), bob, { until: 'inBlock' });
  assert.equal(claimed.dispatchError, undefined);
  const claimEvent = findEvent(claimed.events, api.events.royalties.RoyaltiesClaimed).data;
  assert.equal(claimEvent.amount.toBigInt(), owed);
  const header = await api.rpc.chain.getHeader(claimed.blockHash);
  const before = await freeBalanceAt(api, header.parentHash, bob.address);
  const after = await freeBalanceAt(api, claimed.blockHash, bob.address);
  assert.equal(after - before, owed - feePaid(claimed.events));
  const afterClaim = await (await api.at(claimed.blockHash)).call.royaltiesApi.datasetEarnings(bob.address, DEMO_DATASET);
  assert.equal(afterClaim.claimable.toBigInt(), 0n);
  assert.equal(afterClaim.earned.toBigInt(), owed);

  const ownerClaim = await sendAndWait(api.tx.royalties.claimEarnings(), dave, { until: 'inBlock' });
  assert.equal(
    findEvent(ownerClaim.events, api.events.royalties.EarningsClaimed).data.amount.toBigInt(),
    (LIN * 70n) / 100n,
  );
});

e2e('claiming with nothing owed fails with the pallet error', 60_000, async () => {
  const eveClaim = await sendAndWait(api.tx.royalties.claimEarnings(), eve, { until: 'inBlock' });
  const { section, name } = api.registry.findMetaError(eveClaim.dispatchError.asModule);
  assert.equal(`${section}.${name}`, 'royalties.NothingToClaim');
});

e2e('a payment is charged for the lineage it reached, not the worst case', 60_000, async () => {
  const tx = api.tx.royalties.pay(DEMO_MODEL, LIN / 100n);
  // Up front the runtime charges the worst case: 8 models and 64 pools
  // (`transactionPaymentApi.queryInfo`, through polkadot.js's `paymentInfo`).
  const upfront = await tx.paymentInfo(eve);
  const paid = await sendAndWait(tx, eve, { until: 'inBlock' });
  assert.equal(paid.dispatchError, undefined);
  // The demo model has no parents and one dataset: what it ran is one model and one pool,
  // and that is what the extrinsic's weight and fee say.
  const success = findEvent(paid.events, api.events.system.ExtrinsicSuccess).data.dispatchInfo;
  const charged = success.weight.refTime.toBigInt();
  const worst = upfront.weight.refTime.toBigInt();
  assert.ok(charged * 5n < worst, `charged ${charged} of a worst case of ${worst}`);
  assert.ok(feePaid(paid.events) < upfront.partialFee.toBigInt(), 'the fee was not refunded');
  // The statement shows this payment in the model's revenue.
  const model = await (await api.at(paid.blockHash)).call.royaltiesApi.modelStatement(DEMO_MODEL);
  assert.ok(model.revenue.toBigInt() >= LIN / 100n);
});

e2e('the treasury account is a metadata constant and is paid the treasury share at once', 60_000, async () => {
  const treasury = api.consts.royalties.treasuryAccount.toString();
  // It is the treasury pallet's account, which spends through governance.
  const treasuryPallet = api.consts.treasury.palletId.toU8a();
  assert.deepEqual(
    api.createType('AccountId', treasury).toU8a().slice(0, 4 + treasuryPallet.length),
    new Uint8Array([...new TextEncoder().encode('modl'), ...treasuryPallet]),
  );
  const paid = await sendAndWait(api.tx.royalties.pay(DEMO_MODEL, LIN), eve, { until: 'inBlock' });
  // The demo model's split gives the treasury 10%, moved from the pot to its account.
  const transfer = paid.events
    .map(({ event }) => event)
    .find((event) => api.events.balances.Transfer.is(event) && event.data.to.toString() === treasury);
  assert.ok(transfer, 'a transfer to the treasury');
  assert.equal(transfer.data.amount.toBigInt(), LIN / 10n);
  const header = await api.rpc.chain.getHeader(paid.blockHash);
  const before = await freeBalanceAt(api, header.parentHash, treasury);
  const after = await freeBalanceAt(api, paid.blockHash, treasury);
  // Plus its fifth of the block's fees.
  assert.ok(after - before >= LIN / 10n);
  // Nothing is left for it to claim.
  const earnings = await (await api.at(paid.blockHash)).call.royaltiesApi.ownerEarnings(treasury);
  assert.equal(earnings.claimable.toBigInt(), 0n);
});
