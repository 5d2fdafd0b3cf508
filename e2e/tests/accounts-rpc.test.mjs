// The node's JSON-RPC accepts accounts in Lineage's own SS58 format (4242), which is how
// polkadot.js sends every `AccountId` parameter, as well as the generic format (42); a
// malformed address gets a JSON-RPC "invalid params" error naming the problem.
// Every `lineage_*` RPC that takes an account gets the same checks here.

import assert from 'node:assert/strict';

import { encodeAddress } from '@polkadot/util-crypto';

import { rawRpc, sendAndWait } from '../lib/chain.mjs';
import { devNodeSuite, LIN } from '../lib/suite.mjs';

const GENERIC_SS58 = 42;
const INVALID_PARAMS = -32602;

let node;
let api;
let alice;
let bob;

const { e2e } = devNodeSuite((ctx) => {
  ({ node, api } = ctx);
  alice = ctx.keyring.createFromUri('//Alice');
  bob = ctx.keyring.createFromUri('//Bob');
});

/**
 * `system_accountNextIndex` as a plain JSON-RPC request over HTTP, so the address string
 * reaches the node exactly as written; resolves with the response's `result` or `error`.
 */
async function rawNextIndex(address) {
  const reply = await rawRpc(node.rpcUrl, 'system_accountNextIndex', [address], 10_000);
  assert.equal(reply.status, 200);
  return reply;
}

const nextIndexOf = async (address) => {
  const { result, error } = await rawNextIndex(address);
  assert.equal(error, undefined, `${address}: ${JSON.stringify(error)}`);
  return result;
};

/** Asserts that the node refuses `address` with "invalid params" and a message matching `message`. */
async function assertInvalidParams(address, message) {
  const { result, error } = await rawNextIndex(address);
  assert.equal(result, undefined, `${address} was accepted`);
  assert.equal(error.code, INVALID_PARAMS, JSON.stringify(error));
  // jsonrpsee puts the reason in `data`, after the standard "Invalid params" message.
  assert.match(`${error.message}: ${error.data ?? ''}`, message);
}

e2e('system_accountNextIndex takes Lineage (4242) and generic (42) addresses', 60_000, async () => {
  // Two transfers from Alice, so the nonce asked for is not the default 0.
  await sendAndWait(api.tx.balances.transferKeepAlive(bob.address, LIN), alice, { until: 'inBlock' });
  await sendAndWait(api.tx.balances.transferKeepAlive(bob.address, LIN), alice, { until: 'inBlock' });
  const onChain = (await api.call.accountNonceApi.accountNonce(alice.address)).toNumber();
  assert.equal(onChain, 2);

  const lineageAddress = encodeAddress(alice.publicKey, api.registry.chainSS58);
  assert.equal(lineageAddress, alice.address);
  // Through polkadot.js's own RPC method, which encodes the parameter in the chain's format...
  assert.equal((await api.rpc.system.accountNextIndex(alice.address)).toNumber(), onChain);
  // ...and raw, in each format.
  assert.equal(await nextIndexOf(lineageAddress), onChain);
  assert.equal(await nextIndexOf(encodeAddress(alice.publicKey, GENERIC_SS58)), onChain);
  // An account that never sent anything.
  assert.equal(await nextIndexOf(encodeAddress(bob.publicKey, GENERIC_SS58)), 0);
});

e2e('system_accountNextIndex refuses malformed addresses with invalid params', 30_000, async () => {
  const good = encodeAddress(alice.publicKey, GENERIC_SS58);
  // One character changed: the checksum no longer matches.
  const corrupted = good.slice(0, 10) + (good[10] === 'a' ? 'b' : 'a') + good.slice(11);
  await assertInvalidParams(corrupted, /Invalid params/i);
  await assertInvalidParams('not an address', /Invalid params/i);
  // A well-formed address in another chain's unregistered format is named as such.
  await assertInvalidParams(encodeAddress(alice.publicKey, 4243), /Unknown SS58 address format `4243`/);
});
