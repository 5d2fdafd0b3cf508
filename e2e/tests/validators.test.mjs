// The validator set on a real `lineage-node --dev`, driven as a validator operator and
// governance drive it: Bob's session keys are generated in the node's keystore with
// `author_rotateKeysWithOwner` (owner: Bob's account), registered with `session.setKeys` and
// the ownership proof, then root (sudo on the development chain; the DAO's root track on a
// public one) adds Bob. Two session changes later (sessions last 10 blocks here) Bob is a
// session validator and an Aura authority, and blocks keep coming: this node holds both
// authorities' keys. Its own node, because GRANDPA's finality stalls once Bob joins (one node
// votes with one key, and two voters need both).

import assert from 'node:assert/strict';

import { u8aToHex } from '@polkadot/util';

import { dispatchErrorName, findEvent, sendAndWait } from '../lib/chain.mjs';
import { devNodeSuite, LIN } from '../lib/suite.mjs';

let api;
let alice;
let bob;
let charlie;

const { e2e } = devNodeSuite((ctx) => {
  ({ api } = ctx);
  alice = ctx.keyring.createFromUri('//Alice');
  bob = ctx.keyring.createFromUri('//Bob');
  charlie = ctx.keyring.createFromUri('//Charlie');
});

const inBlock = { until: 'inBlock' };

/** Submits `call` through sudo; returns the dispatch error's name, or undefined if it ran. */
async function sudo(call) {
  const result = await sendAndWait(api.tx.sudo.sudo(call), alice, inBlock);
  assert.equal(result.dispatchError, undefined);
  const outcome = findEvent(result.events, api.events.sudo.Sudid).data.sudoResult;
  return outcome.isErr ? dispatchErrorName(api, outcome.asErr) : undefined;
}

async function waitForSession(index, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let current = (await api.query.session.currentIndex()).toNumber();
  while (current < index && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    current = (await api.query.session.currentIndex()).toNumber();
  }
  assert.ok(current >= index, `session ${current} after ${timeoutMs} ms, waiting for ${index}`);
}

e2e('the set never drops below its minimum, and only keyed accounts join', 60_000, async () => {
  assert.deepEqual((await api.query.validators.validators()).toHuman(), [alice.address]);
  assert.equal(await sudo(api.tx.validators.removeValidator(alice.address)), 'validators.TooFewValidators');
  assert.equal(await sudo(api.tx.validators.addValidator(charlie.address)), 'validators.NoSessionKeys');
  const unauthorised = await sendAndWait(api.tx.validators.addValidator(charlie.address), charlie, inBlock);
  assert.equal(dispatchErrorName(api, unauthorised.dispatchError), 'BadOrigin');
});

e2e('a validator registers session keys and authors two sessions after root adds it', 240_000, async () => {
  const rpc = api._rpcCore.provider;
  const generated = await rpc.send('author_rotateKeysWithOwner', [u8aToHex(bob.publicKey)]);

  // The proof binds the keys to Bob: Charlie cannot register them.
  const stolen = await sendAndWait(api.tx.session.setKeys(generated.keys, generated.proof), charlie, inBlock);
  assert.equal(dispatchErrorName(api, stolen.dispatchError), 'session.InvalidProof');

  const reservedBefore = (await api.query.system.account(bob.address)).data.reserved.toBigInt();
  const set = await sendAndWait(api.tx.session.setKeys(generated.keys, generated.proof), bob, inBlock);
  assert.equal(set.dispatchError, undefined);
  assert.equal((await api.query.session.nextKeys(bob.address)).unwrap().toHex(), generated.keys);
  const reservedAfter = (await api.query.system.account(bob.address)).data.reserved.toBigInt();
  assert.equal(reservedAfter - reservedBefore, LIN, 'the session key deposit is held');

  assert.equal(await sudo(api.tx.validators.addValidator(bob.address)), undefined);
  assert.deepEqual((await api.query.validators.validators()).toHuman(), [alice.address, bob.address]);
  const addedIn = (await api.query.session.currentIndex()).toNumber();

  // Queued at the next session change, active at the one after: at most 20 blocks.
  await waitForSession(addedIn + 1, 90_000);
  assert.ok(!(await api.query.session.validators()).toHuman().includes(bob.address));
  await waitForSession(addedIn + 2, 90_000);
  assert.ok((await api.query.session.validators()).toHuman().includes(bob.address));
  const bobAura = generated.keys.slice(0, 2 + 64); // the first key: Aura's sr25519
  const aura = (await api.query.aura.authorities()).map((key) => key.toHex());
  assert.ok(aura.includes(bobAura), `Bob's Aura key ${bobAura} among ${aura}`);

  // Blocks keep coming under the new set.
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  const deadline = Date.now() + 30_000;
  let now = head;
  while (now < head + 2 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    now = (await api.rpc.chain.getHeader()).number.toNumber();
  }
  assert.ok(now >= head + 2, `blocks stopped at ${now}`);
});
