// Hostile clients: malformed and oversized extrinsics, garbage SCALE passed to every runtime API
// the metadata lists, and a flood of invalid transactions from one account. The node answers
// each with an error, keeps authoring and finalising, and no account, nonce or issuance moves.

import assert from 'node:assert/strict';

import { compactFromU8a, u8aToHex } from '@polkadot/util';

import { rawRpc as rawRpcTo, sendAndWait, waitForHead } from '../lib/chain.mjs';
import { devNodeSuite, LIN } from '../lib/suite.mjs';

let node;
let api;
let alice;
let bob;
let hostile;

const { e2e } = devNodeSuite((ctx) => {
  ({ node, api } = ctx);
  alice = ctx.keyring.createFromUri('//Alice');
  bob = ctx.keyring.createFromUri('//Bob');
  // Never funded: every transaction it signs is refused for its fee.
  hostile = ctx.keyring.createFromUri('//Hostile');
});

/** A JSON-RPC request to the test's node with `params` exactly as given. */
const rawRpc = (method, params) => rawRpcTo(node.rpcUrl, method, params);

/** Bytes from a seeded xorshift, so every run sends the same garbage. */
function garbage(length, seed) {
  let x = seed >>> 0 || 1;
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

/** What must not move: the accounts' nonces and balances, and the total issuance. */
async function ledger() {
  const [issuance, ...accounts] = await Promise.all([
    api.query.balances.totalIssuance(),
    ...[alice, bob, hostile].map((pair) => api.query.system.account(pair.address)),
  ]);
  return JSON.stringify({ issuance: issuance.toString(), accounts: accounts.map((a) => a.toJSON()) });
}

/** Resolves once the node has finalised `blocks` more blocks than it had when called. */
async function finalisesMore(blocks, what) {
  const from = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
  await waitForHead(api.rpc.chain.subscribeFinalizedHeads, (n) => n >= from + blocks, 60_000, what);
  const pending = await api.rpc.author.pendingExtrinsics();
  assert.equal(pending.length, 0, 'an invalid transaction stayed in the pool');
}

/** A transfer from Alice at `nonce`, signed and encoded, as bytes. */
async function signedTransfer(nonce) {
  const tx = api.tx.balances.transferKeepAlive(bob.address, LIN);
  await tx.signAsync(alice, { nonce, era: 0 });
  return tx.toU8a();
}

/** Where the signature starts in an encoded signed extrinsic: after the length prefix, the
 * version byte and the MultiAddress::Id (1 + 32 bytes), and the MultiSignature's variant. */
function signatureOffset(encoded) {
  const [prefixLength] = compactFromU8a(encoded);
  return prefixLength + 1 + 33 + 1;
}

e2e('malformed and oversized extrinsics are refused with errors and change nothing', 180_000, async () => {
  const before = await ledger();
  const nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
  const valid = await signedTransfer(nonce);
  const badSignature = valid.slice();
  badSignature[signatureOffset(valid) + 10] ^= 0xff;
  const unknownVersion = valid.slice();
  unknownVersion[compactFromU8a(valid)[0]] = 0x7f;
  // A length prefix announcing a gigabyte, followed by nothing.
  const hugeLength = Uint8Array.from([0x03, 0x00, 0x00, 0x00, 0x40]);
  const { max } = api.consts.system.blockLength;
  // As hex: polkadot.js reads a Uint8Array given for `Bytes` as already length-prefixed.
  const remark = api.tx.system.remark(u8aToHex(new Uint8Array(max.normal.toNumber() + 1).fill(7)));
  assert.ok(remark.method.encodedLength > max.normal.toNumber());
  await remark.signAsync(alice, { nonce, era: 0 });

  const cases = {
    'empty': '0x',
    'random 1 byte': u8aToHex(garbage(1, 1)),
    'random 100 bytes': u8aToHex(garbage(100, 2)),
    'random 100 kB': u8aToHex(garbage(100_000, 3)),
    'truncated transfer': u8aToHex(valid.slice(0, valid.length - 8)),
    'transfer with a corrupted signature': u8aToHex(badSignature),
    'transfer of an unknown extrinsic version': u8aToHex(unknownVersion),
    'a gigabyte length prefix': u8aToHex(hugeLength),
    'a remark longer than a block may carry': remark.toHex(),
    'not hex': '0xzz',
  };
  for (const [what, hex] of Object.entries(cases)) {
    const reply = await rawRpc('author_submitExtrinsic', [hex]);
    assert.equal(reply.result, undefined, `${what} was accepted`);
    assert.ok(reply.error?.code, `${what}: ${JSON.stringify(reply)}`);
  }
  // Past the server's request limit (15 MiB by default): refused before it is parsed, with
  // 413 or by closing the connection while the body is still arriving.
  const tooLarge = await rawRpc('author_submitExtrinsic', [u8aToHex(garbage(10 * 1024 * 1024, 4))]).catch(
    (error) => ({ closed: error.cause?.code ?? error.message }),
  );
  assert.equal(tooLarge.result, undefined);
  assert.ok(tooLarge.status === 413 || tooLarge.closed, JSON.stringify({ ...tooLarge, text: tooLarge.text?.slice(0, 200) }));
  process.stdout.write(`# a 20 MiB request: ${tooLarge.status ? `HTTP ${tooLarge.status}` : `closed (${tooLarge.closed})`}\n`);

  await finalisesMore(2, 'finality after the malformed extrinsics');
  assert.equal(await ledger(), before);
  // The honest client is still served: the valid transfer at the same nonce goes in.
  const { blockHash } = await sendAndWait(api.tx.balances.transferKeepAlive(bob.address, LIN), alice, {
    until: 'inBlock',
  });
  assert.ok(blockHash);
});

e2e('garbage SCALE to every runtime API method is answered; the node keeps going', 240_000, async () => {
  const before = await ledger();
  const apis = api.runtimeMetadata.asLatest.apis;
  assert.ok(apis.length >= 10, `the metadata lists ${apis.length} runtime APIs`);
  const answered = { errors: 0, results: 0 };
  let methods = 0;
  for (const runtimeApi of apis) {
    for (const method of runtimeApi.methods) {
      methods += 1;
      const name = `${runtimeApi.name.toString()}_${method.name.toString()}`;
      const takesArguments = method.inputs.length > 0;
      // Random bytes of three sizes, and a run of 0xff (a compact length of 2^500 and more).
      const inputs = [garbage(37, methods), garbage(1 << 20, methods + 1000), new Uint8Array(64).fill(0xff)];
      for (const data of inputs) {
        const reply = await rawRpc('state_call', [name, u8aToHex(data)]);
        assert.equal(reply.status, 200, `${name}: HTTP ${reply.status}`);
        assert.ok(reply.result !== undefined || reply.error, `${name}: no answer: ${JSON.stringify(reply)}`);
        // A method without arguments refuses any; one with arguments decodes a prefix of the
        // bytes as polkadot-sdk's runtime APIs do, so random bytes can be a valid argument
        // (an account id is any 32 bytes) and get an answer computed on a throwaway overlay.
        if (!takesArguments) assert.match(reply.error?.message ?? '', /./, `${name} took arguments it has none of`);
        answered[reply.error ? 'errors' : 'results'] += 1;
      }
      if (takesArguments) {
        const reply = await rawRpc('state_call', [name, '0x']);
        assert.ok(reply.error, `${name} ran without its arguments: ${JSON.stringify(reply)}`);
        answered.errors += 1;
      }
    }
  }
  assert.ok(methods >= 30, `only ${methods} runtime API methods`);
  process.stdout.write(`# ${methods} runtime API methods: ${JSON.stringify(answered)}\n`);
  await finalisesMore(2, 'finality after garbage runtime API calls');
  assert.equal(await ledger(), before);
});

e2e('a flood of invalid transactions from one account is refused while blocks finalise', 240_000, async () => {
  const before = await ledger();
  const aliceNonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
  const signed = [];
  // 300 transfers from the unfunded account: it cannot pay the fee of any of them.
  for (let nonce = 0; nonce < 300; nonce += 1) {
    const tx = api.tx.balances.transferKeepAlive(bob.address, LIN);
    await tx.signAsync(hostile, { nonce, era: 0 });
    signed.push(tx.toHex());
  }
  // 300 of Alice's, each with its signature broken, and her spent nonces again.
  for (let i = 0; i < 300; i += 1) {
    const encoded = await signedTransfer(aliceNonce + i);
    encoded[signatureOffset(encoded) + (i % 64)] ^= 0x01;
    signed.push(u8aToHex(encoded));
  }
  for (let nonce = 0; nonce < aliceNonce; nonce += 1) signed.push(u8aToHex(await signedTransfer(nonce)));

  const startBest = (await api.rpc.chain.getHeader()).number.toNumber();
  const replies = await Promise.allSettled(signed.map((hex) => api.rpc.author.submitExtrinsic(hex)));
  const accepted = replies.filter((r) => r.status === 'fulfilled');
  assert.equal(accepted.length, 0, `${accepted.length} of ${signed.length} invalid transactions were accepted`);
  const reasons = new Set(replies.map((r) => String(r.reason?.message)));
  assert.ok([...reasons].some((r) => /Inability to pay some fees/.test(r)), [...reasons].join('\n'));
  assert.ok([...reasons].some((r) => /bad signature|BadProof/i.test(r)), [...reasons].join('\n'));

  await finalisesMore(3, 'finality after the flood');
  assert.ok((await api.rpc.chain.getHeader()).number.toNumber() >= startBest + 3);
  assert.equal(await ledger(), before);
  const hostileAccount = await api.query.system.account(hostile.address);
  assert.equal(hostileAccount.nonce.toNumber(), 0);
  assert.equal(hostileAccount.data.free.toBigInt(), 0n);
  // And a valid transaction from the flooded pool's point of view still goes in.
  await sendAndWait(api.tx.balances.transferKeepAlive(hostile.address, 2n * LIN), bob, { until: 'inBlock' });
});
