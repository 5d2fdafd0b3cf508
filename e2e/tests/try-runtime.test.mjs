// try-runtime against the live dev node: `lineage-try-runtime` (fuzz/, the runtime built with
// `try-runtime`) downloads the node's state over JSON-RPC, checks it against the block's state
// root, runs the upgrade this checkout's runtime would run (migrations, pre/post-upgrade checks
// with every pallet's storage version, the whole state decoded, every pallet's try_state, the
// migrations run twice) and re-executes the latest blocks on their parents' state. On a chain
// with real transactions it passes; once sudo corrupts a pallet's storage it fails, naming the
// pallet and the invariant.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { blake2AsHex } from '@polkadot/util-crypto';

import { sendAndWait } from '../lib/chain.mjs';
import { devNodeSuite, LIN } from '../lib/suite.mjs';

let node;
let api;
let alice;
let bob;

const { e2e } = devNodeSuite((ctx) => {
  ({ node, api } = ctx);
  alice = ctx.keyring.createFromUri('//Alice');
  bob = ctx.keyring.createFromUri('//Bob');
});

/** $LINEAGE_TRY_RUNTIME_BIN, else the fuzz workspace's release build in the shared target dir. */
function tryRuntimeBinary() {
  const bin =
    process.env.LINEAGE_TRY_RUNTIME_BIN ||
    join(process.env.CARGO_TARGET_DIR || join(homedir(), '.cache', 'lineage', 'target'), 'release', 'lineage-try-runtime');
  accessSync(bin, fsConstants.X_OK);
  return bin;
}

/** Runs the checks against the test's node; resolves with { code, report, stderr }. */
function tryRuntime(args) {
  return new Promise((resolve, reject) => {
    execFile(
      tryRuntimeBinary(),
      ['--uri', node.rpcUrl, ...args],
      { timeout: 180_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? error.code : 0;
        if (typeof code !== 'number') return reject(error);
        resolve({ code, report: stdout ? JSON.parse(stdout) : null, stderr });
      },
    );
  });
}

e2e('after transfers and a dataset registration, the upgrade and block checks pass', 240_000, async () => {
  await sendAndWait(api.tx.balances.transferKeepAlive(bob.address, 5n * LIN), alice, { until: 'inBlock' });
  const { blockHash } = await sendAndWait(
    api.tx.datasets.register(
      blake2AsHex('try-runtime dataset v0'),
      12,
      'lineage://bob/try-runtime.csv',
      blake2AsHex('try-runtime metadata'),
      { trainingAllowed: true, commercialUseAllowed: false, trainingFee: 0 },
    ),
    bob,
    { until: 'inBlock' },
  );

  const { code, report, stderr } = await tryRuntime(['--at', blockHash.toHex(), '--blocks', '2']);
  assert.equal(code, 0, `${stderr}\n${JSON.stringify(report, null, 2)}`);
  assert.deepEqual(report.failures, []);
  assert.equal(report.at.hash, blockHash.toHex());
  assert.equal(report.state.root_matches, true);
  assert.ok(report.state.keys > 50, `only ${report.state.keys} keys`);
  const { specVersion } = api.runtimeVersion;
  assert.equal(report.spec_version.chain, specVersion.toNumber());
  assert.equal(report.spec_version.runtime, specVersion.toNumber());
  assert.equal(report.upgrade.idempotent, true);
  // The same runtime as the chain: block execution also checks the state roots.
  assert.equal(report.state_roots_checked, true);
  assert.equal(report.blocks_executed.length, 2);
  // The block with the registration: the timestamp inherent and Bob's extrinsic at least.
  assert.equal(report.blocks_executed[0].hash, blockHash.toHex());
  assert.ok(report.blocks_executed[0].extrinsics >= 2, JSON.stringify(report.blocks_executed[0]));
});

e2e('after sudo corrupts the datasets pallet, try_state fails on the state and the block', 240_000, async () => {
  // The demo dataset (id 0) exists: a next id of 0 would hand its id out again.
  const key = api.query.datasets.nextDatasetId.key();
  const { blockHash } = await sendAndWait(
    api.tx.sudo.sudo(api.tx.system.setStorage([[key, api.createType('u32', 0).toHex()]])),
    alice,
    { until: 'inBlock' },
  );

  const { code, report, stderr } = await tryRuntime(['--at', blockHash.toHex(), '--blocks', '1']);
  assert.equal(code, 1, stderr);
  assert.equal(report.state.root_matches, true);
  const named = report.failures.filter((f) => /Datasets: .*NextDatasetId/.test(f));
  // Once after the upgrade's checks, once after the corrupting block is re-executed.
  assert.equal(named.length, 2, JSON.stringify(report.failures, null, 2));
  assert.ok(named.some((f) => f.startsWith(`block ${report.at.number}: `)), JSON.stringify(named));
  assert.equal(report.blocks_executed.length, 0);
});
