// One real `lineage-node --dev` per test file: started before the first test, stopped after
// the last, with a test wrapper that bounds each test and prints the node's recent output
// when it fails (the node's log usually says why: panic, consensus stall, rejected block).

import { after, before, test } from 'node:test';

import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import { startNode, withTimeout } from './node.mjs';

export const SS58 = 4242;
export const LIN = 10n ** 12n;

/**
 * Registers the node's lifecycle hooks and returns `{ ctx, e2e }`: `ctx.node`, `ctx.api` and
 * `ctx.keyring` are filled in before the first test, then `setup(ctx)` runs (the file's own
 * set-up, e.g. its accounts); `e2e(name, timeoutMs, fn)` declares a test. `extraArgs` go to
 * the node's command line (e.g. `--ml-worker`).
 */
export function devNodeSuite(setup = () => {}, { extraArgs = [] } = {}) {
  const ctx = { node: null, api: null, keyring: null };

  before(
    async () => {
      await cryptoWaitReady();
      ctx.node = await startNode({ startupTimeoutMs: 60_000, extraArgs });
      ctx.api = ctx.node.api;
      ctx.keyring = new Keyring({ type: 'sr25519', ss58Format: SS58 });
      await setup(ctx);
    },
    { timeout: 90_000 },
  );

  after(() => ctx.node?.stop(), { timeout: 30_000 });

  function e2e(name, timeoutMs, fn) {
    test(name, { timeout: timeoutMs + 5_000 }, async () => {
      try {
        await withTimeout(fn(), timeoutMs, name);
      } catch (error) {
        process.stderr.write(
          `\n--- lineage-node output before "${name}" failed ---\n${ctx.node?.logs()}\n---\n`,
        );
        throw error;
      }
    });
  }

  return { ctx, e2e };
}
