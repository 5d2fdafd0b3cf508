// Governance on a real `lineage-node --dev` (its tracks run in blocks: prepare 2, decide 20,
// confirm 2, enact 1), driven as polkadot.js Apps' governance pages drive it: a preimage is
// noted, a referendum submitted on the parameters track, its decision deposit placed, two
// accounts vote with conviction and a third delegates; it is confirmed and enacted and the
// parameter is visible in state, with the voters' funds locked. Then the two ways a
// referendum fails: rejected (decision deposit refunded, submission deposit kept, as OpenGov
// does) and killed by root (both deposits slashed to the treasury). Last, disputes ruled on
// the data disputes track: one against the demo model, one against a contribution to the
// demo dataset.

import assert from 'node:assert/strict';

import { blake2AsHex } from '@polkadot/util-crypto';
import { stringToU8a, u8aConcat } from '@polkadot/util';
import { encodeAddress } from '@polkadot/util-crypto';

import { dispatchErrorName, findEvent, sendAndWait } from '../lib/chain.mjs';
import { devNodeSuite, LIN, SS58 } from '../lib/suite.mjs';

let api;
let alice;
let bob;
let charlie;
let dave;
let eve;

const { e2e } = devNodeSuite((ctx) => {
  ({ api } = ctx);
  alice = ctx.keyring.createFromUri('//Alice');
  bob = ctx.keyring.createFromUri('//Bob');
  charlie = ctx.keyring.createFromUri('//Charlie');
  dave = ctx.keyring.createFromUri('//Dave');
  eve = ctx.keyring.createFromUri('//Eve');
});

// pallet-dao's tracks (pallets/dao/src/tracks.rs).
const PARAMETERS_TRACK = 2;
const SUBMISSION_DEPOSIT = 10n * LIN;
const PARAMETERS_DECISION_DEPOSIT = 500n * LIN;
const VOTE = 800_000n * LIN;

const inBlock = { until: 'inBlock' };

async function ok(tx, signer) {
  const result = await sendAndWait(tx, signer, inBlock);
  assert.equal(result.dispatchError && dispatchErrorName(api, result.dispatchError), undefined);
  return result;
}

/** The parameters call that sets the compute fee to `fee` plancks. */
function setComputeFee(fee) {
  return api.tx.parameters.setParameter({ Compute: { ComputeFee: [null, fee] } });
}

/** Notes `call` as a preimage and submits it on `track`'s origin; returns its index. */
async function propose(call, origin = { Dao: 'Parameters' }, track = PARAMETERS_TRACK) {
  const bytes = call.method.toHex();
  const hash = blake2AsHex(bytes);
  const noted = await ok(api.tx.preimage.notePreimage(bytes), alice);
  assert.equal(findEvent(noted.events, api.events.preimage.Noted).data[0].toHex(), hash);
  const len = (bytes.length - 2) / 2;
  const submitted = await ok(
    api.tx.referenda.submit(origin, { Lookup: { hash, len } }, { After: 1 }),
    alice,
  );
  const event = findEvent(submitted.events, api.events.referenda.Submitted).data;
  assert.equal(event.track.toNumber(), track);
  return event.index.toNumber();
}

/** Waits until referendum `index` is no longer ongoing and returns its info (as JSON). */
async function waitForOutcome(index, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const info = (await api.query.referenda.referendumInfoFor(index)).unwrap();
    if (!info.isOngoing) return info;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  throw new Error(`referendum ${index} still ongoing after ${timeoutMs} ms`);
}

async function reserved(address) {
  return (await api.query.system.account(address)).data.reserved.toBigInt();
}

function convictionLock(locks) {
  return locks.find((lock) => lock.id.toHuman() === 'pyconvot')?.amount.toBigInt();
}

/** pallet-treasury's account: `modl` ++ its pallet id, zero-padded to 32 bytes. */
function treasuryAddress() {
  const id = api.consts.treasury.palletId.toU8a();
  const raw = u8aConcat(stringToU8a('modl'), id, new Uint8Array(32 - 4 - id.length));
  return encodeAddress(raw, SS58);
}

// pallet-dao's data disputes track.
const DATA_DISPUTES_TRACK = 4;

/**
 * Rules on `dispute` through a referendum on the data disputes track that Alice and `voter`
 * vote for; returns once it is approved (its enactment follows one block later).
 */
async function ruleByReferendum(dispute, upheld, voter) {
  const index = await propose(api.tx.dao.rule(dispute, upheld), { Dao: 'DataDisputes' }, DATA_DISPUTES_TRACK);
  await ok(api.tx.referenda.placeDecisionDeposit(index), alice);
  const aye = { Standard: { vote: { aye: true, conviction: 'Locked1x' }, balance: VOTE } };
  await Promise.all([
    ok(api.tx.convictionVoting.vote(index, aye), alice),
    ok(api.tx.convictionVoting.vote(index, aye), voter),
  ]);
  const outcome = await waitForOutcome(index, 150_000);
  assert.ok(outcome.isApproved, `referendum ${index} ended ${outcome.type}`);
}

/** Polls `read` every 2 s for up to 30 s until `done(value)`; returns the last value read. */
async function pollUntil(read, done) {
  const deadline = Date.now() + 30_000;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    value = await read();
  }
  return value;
}

e2e('a parameters referendum passes with conviction votes and a delegation, and is enacted', 180_000, async () => {
  const fee = 2_000_000_000n; // 2 mLIN
  const before = await api.query.parameters.parameters({ Compute: { ComputeFee: null } });
  assert.ok(before.isNone, 'no fee stored yet: the default applies');

  const index = await propose(setComputeFee(fee));
  const reservedBefore = await reserved(alice.address);
  const placed = await ok(api.tx.referenda.placeDecisionDeposit(index), alice);
  assert.ok(findEvent(placed.events, api.events.referenda.DecisionDepositPlaced));
  assert.equal((await reserved(alice.address)) - reservedBefore, PARAMETERS_DECISION_DEPOSIT);

  const vote = (aye, conviction) => ({ Standard: { vote: { aye, conviction }, balance: VOTE } });
  const voted = await Promise.all([
    ok(api.tx.convictionVoting.vote(index, vote(true, 'Locked2x')), alice),
    ok(api.tx.convictionVoting.vote(index, vote(true, 'Locked1x')), bob),
    ok(api.tx.convictionVoting.delegate(PARAMETERS_TRACK, alice.address, 'Locked1x', VOTE), charlie),
  ]);

  // Alice's vote counts twice (2×), Bob's once, and Charlie's delegation adds his 800,000 LIN
  // at 1× to Alice's side: read at the block of the last of the three.
  const heights = await Promise.all(
    voted.map(async ({ blockHash }) => [(await api.rpc.chain.getHeader(blockHash)).number.toNumber(), blockHash]),
  );
  const [, lastVote] = heights.sort(([a], [b]) => b - a)[0];
  const atLastVote = await api.at(lastVote);
  const ongoing = (await atLastVote.query.referenda.referendumInfoFor(index)).unwrap().asOngoing;
  assert.equal(ongoing.tally.ayes.toBigInt(), VOTE * 2n + VOTE + VOTE);
  assert.equal(ongoing.tally.support.toBigInt(), VOTE * 3n);

  const outcome = await waitForOutcome(index, 150_000);
  assert.ok(outcome.isApproved, `referendum ${index} ended ${outcome.type}`);
  // Enactment follows approval by the track's single block.
  const deadline = Date.now() + 30_000;
  let stored = await api.query.parameters.parameters({ Compute: { ComputeFee: null } });
  while (stored.isNone && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    stored = await api.query.parameters.parameters({ Compute: { ComputeFee: null } });
  }
  assert.equal(stored.unwrap().asCompute.asComputeFee.toBigInt(), fee);

  // The voters' funds are locked by conviction voting, the delegator's too.
  for (const who of [alice, bob, charlie]) {
    assert.equal(convictionLock(await api.query.balances.locks(who.address)), VOTE, `${who.address}'s lock`);
  }

  // Both deposits come back once the referendum is decided.
  const refunded = await ok(api.tx.referenda.refundDecisionDeposit(index), alice);
  assert.equal(
    findEvent(refunded.events, api.events.referenda.DecisionDepositRefunded).data.amount.toBigInt(),
    PARAMETERS_DECISION_DEPOSIT,
  );
  const refundedSubmission = await ok(api.tx.referenda.refundSubmissionDeposit(index), alice);
  assert.equal(
    findEvent(refundedSubmission.events, api.events.referenda.SubmissionDepositRefunded).data.amount.toBigInt(),
    SUBMISSION_DEPOSIT,
  );
});

e2e('a rejected referendum refunds its decision deposit; a killed one loses both to the treasury', 240_000, async () => {
  const rejectedIndex = await propose(setComputeFee(5_000_000_000n));
  const killedIndex = await propose(setComputeFee(6_000_000_000n));
  await ok(api.tx.referenda.placeDecisionDeposit(rejectedIndex), alice);
  await ok(api.tx.referenda.placeDecisionDeposit(killedIndex), alice);
  await ok(
    api.tx.convictionVoting.vote(rejectedIndex, { Standard: { vote: { aye: false, conviction: 'Locked1x' }, balance: VOTE } }),
    dave,
  );

  // Root kills one: both its deposits go to the treasury.
  const treasury = treasuryAddress();
  const treasuryBefore = (await api.query.system.account(treasury)).data.free.toBigInt();
  const reservedBefore = await reserved(alice.address);
  const killed = await ok(api.tx.sudo.sudo(api.tx.referenda.kill(killedIndex)), alice);
  assert.equal(findEvent(killed.events, api.events.sudo.Sudid).data.sudoResult.isOk, true);
  assert.ok(findEvent(killed.events, api.events.referenda.Killed));
  const slashed = killed.events
    .filter(({ event }) => api.events.referenda.DepositSlashed.is(event))
    .reduce((sum, { event }) => sum + event.data.amount.toBigInt(), 0n);
  assert.equal(slashed, SUBMISSION_DEPOSIT + PARAMETERS_DECISION_DEPOSIT);
  assert.equal(reservedBefore - (await reserved(alice.address)), slashed);
  const treasuryAfter = (await (await api.at(killed.blockHash)).query.system.account(treasury)).data.free.toBigInt();
  // Plus the treasury's fifth of the block's fees.
  assert.ok(treasuryAfter - treasuryBefore >= slashed, `${treasuryAfter - treasuryBefore} < ${slashed}`);

  // The other is rejected when its decision period ends without approval.
  const outcome = await waitForOutcome(rejectedIndex, 200_000);
  assert.ok(outcome.isRejected, `referendum ${rejectedIndex} ended ${outcome.type}`);
  const refunded = await ok(api.tx.referenda.refundDecisionDeposit(rejectedIndex), alice);
  assert.equal(
    findEvent(refunded.events, api.events.referenda.DecisionDepositRefunded).data.amount.toBigInt(),
    PARAMETERS_DECISION_DEPOSIT,
  );
  const kept = await sendAndWait(api.tx.referenda.refundSubmissionDeposit(rejectedIndex), alice, inBlock);
  assert.equal(dispatchErrorName(api, kept.dispatchError), 'referenda.BadStatus');

  // Neither was enacted.
  const stored = await api.query.parameters.parameters({ Compute: { ComputeFee: null } });
  const fee = stored.isSome ? stored.unwrap().asCompute.asComputeFee.toBigInt() : null;
  assert.ok(fee !== 5_000_000_000n && fee !== 6_000_000_000n, `fee ${fee}`);
});

e2e('a dispute against a model is opened, upheld on the data disputes track and settled', 180_000, async () => {
  const DEMO_MODEL = 0;
  const deposit = 100n * LIN;
  const disputeHold = async () =>
    (await api.query.balances.holds(bob.address))
      .filter((hold) => JSON.stringify(hold.id.toHuman()) === JSON.stringify({ Dao: 'DisputeDeposit' }))
      .reduce((sum, hold) => sum + hold.amount.toBigInt(), 0n);

  const opened = await ok(
    api.tx.dao.openDispute({ Model: DEMO_MODEL }, 'CopiedModel', 'https://evidence.example/copy', `0x${'ee'.repeat(32)}`),
    bob,
  );
  const event = findEvent(opened.events, api.events.dao.DisputeOpened).data;
  assert.equal(event.deposit.toBigInt(), deposit);
  const dispute = event.dispute.toNumber();
  assert.equal(await disputeHold(), deposit);
  const open = await api.call.daoApi.openDisputes();
  assert.equal(open.length, 1);
  assert.equal(open[0][1].offender.toString(), dave.address);

  // A referendum on the data disputes track rules for the opener.
  await ruleByReferendum(dispute, true, charlie);

  // Enacted one block later: the model is revoked and the dispute is gone.
  const model = await pollUntil(
    () => api.call.modelsApi.model(DEMO_MODEL),
    (found) => found.unwrap().status.isRevoked,
  );
  assert.ok(model.unwrap().status.isRevoked, 'the demo model is revoked');
  assert.equal(model.unwrap().deposit.toBigInt(), 0n, "its owner's deposit went to the treasury");
  assert.equal((await api.call.daoApi.openDisputes()).length, 0);
  assert.ok((await api.call.daoApi.dispute(dispute)).isNone);
  // Bob's deposit is back: nothing of his is held for the dispute.
  assert.equal(await disputeHold(), 0n);
});

e2e("a dispute against a contribution cancels its shares: the dataset's later payments skip it", 180_000, async () => {
  const DEMO_DATASET = 0;
  // The demo dataset's genesis contributions: Bob's 500 digits made version 1 (id 0),
  // Charlie's 297 version 2 (id 1), over Alice's 1,000.
  const CHARLIES_CONTRIBUTION = 1;
  const TRAINING_FEE = LIN / 10n;
  const subject = { Contribution: CHARLIES_CONTRIBUTION };

  const accepted = (await api.query.datasets.acceptedContributions(CHARLIES_CONTRIBUTION)).unwrap();
  assert.equal(accepted.contributor.toString(), charlie.address);
  assert.deepEqual([accepted.version.toNumber(), accepted.shares.toNumber()], [2, 297]);
  assert.ok(accepted.cancelledAt.isNone);

  const opened = await ok(
    api.tx.dao.openDispute(subject, 'StolenData', 'https://evidence.example/digits', `0x${'dd'.repeat(32)}`),
    bob,
  );
  const event = findEvent(opened.events, api.events.dao.DisputeOpened).data;
  assert.equal(event.offender.toString(), charlie.address);
  const dispute = event.dispute.toNumber();

  await ruleByReferendum(dispute, true, dave);

  // Enacted one block later: the contribution is cancelled and Charlie holds no shares.
  const record = await pollUntil(
    async () => (await api.query.datasets.acceptedContributions(CHARLIES_CONTRIBUTION)).unwrap(),
    (found) => found.cancelledAt.isSome,
  );
  assert.ok(record.cancelledAt.isSome, "Charlie's contribution is cancelled");
  assert.deepEqual(
    (await api.query.datasets.cancelledShares(DEMO_DATASET)).map(([version, shares]) => [version.toNumber(), shares.toNumber()]),
    [[2, 297]],
  );
  const contributors = await api.call.datasetsApi.contributors(DEMO_DATASET, null, 10);
  assert.deepEqual(
    contributors.map(([who]) => who.toString()).sort(),
    [alice.address, bob.address].sort(),
  );
  assert.equal((await api.call.daoApi.openDisputes()).length, 0);

  // A training fee for version 2 is now split over the 1,500 shares left: Alice's 1,000 and
  // Bob's 500. Charlie's earnings stay what they were.
  const earnings = async (who, at) =>
    (await (await api.at(at)).call.royaltiesApi.datasetEarnings(who.address, DEMO_DATASET)).earned.toBigInt();
  const paid = await ok(api.tx.royalties.payTrainingFee(DEMO_DATASET, 2), eve);
  const header = await api.rpc.chain.getHeader(paid.blockHash);
  const gained = async (who) => (await earnings(who, paid.blockHash)) - (await earnings(who, header.parentHash));
  assert.equal(await gained(charlie), 0n);
  const alices = await gained(alice);
  const bobs = await gained(bob);
  const close = (gained, naive) => gained <= naive && naive - gained <= 1n;
  assert.ok(close(alices, (TRAINING_FEE * 1000n) / 1500n), `Alice gained ${alices}`);
  assert.ok(close(bobs, (TRAINING_FEE * 500n) / 1500n), `Bob gained ${bobs}`);
});
