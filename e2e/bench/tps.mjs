// Balance transfers per block on a live `lineage-node --dev`, and what a full block costs to
// author and to import on this machine.
//
// Funds N senders from Alice, pre-signs M `balances.transferKeepAlive` per sender (each to the
// next sender, nonces 0..M-1, immortal), submits them all and counts, block by block, how many
// were included and how full the normal class was. Authoring time is the node's own
// "Prepared block for proposing … (T ms)" log line for each block; import time comes from
// re-executing the same blocks afterwards with `lineage-node benchmark block` on the run's
// database, which also compares each block's execution time with the weight it was charged.
//
//   node e2e/bench/tps.mjs [--senders N] [--per-sender M]
//
// Run through scripts/tps, which builds nothing: it uses the node in the shared target dir (or
// $LINEAGE_NODE_BIN).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import { nodeBinary, startNode } from '../lib/node.mjs';
import { LIN, SS58 } from '../lib/suite.mjs';
import { argument, calls, countPerBlock, log, presign, submitAll, upfrontWeight } from '../lib/throughput.mjs';

const senders = Number(argument('--senders') ?? 80);
const perSender = Number(argument('--per-sender') ?? 150);
const total = senders * perSender;
// Each import measurement is the average of this many executions of the block.
const IMPORT_REPEAT = 5;

// sc-basic-authorship's line for every block it authors.
const PREPARED = /Prepared block for proposing at (\d+) \((\d+) ms\).*end: (\w+)/;
// `benchmark block`'s line for every block it re-executes.
const EXECUTED = /Block (\d+) with\s+(\d+) tx used\s+([\d.]+)% of its weight \(\s*([\d,]+) of\s+([\d,]+) ns\)/;

const isTransfer = (extrinsic) => calls(extrinsic, 'balances', 'transferKeepAlive');

/** Re-executes blocks `from..=to` of the stopped node's database; returns per-block rows. */
function importTimes(basePath, from, to) {
  const run = spawnSync(
    nodeBinary(),
    ['benchmark', 'block', '--chain', 'dev', '--base-path', basePath, '--from', String(from), '--to', String(to), '--repeat', String(IMPORT_REPEAT)],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (run.status !== 0) throw new Error(`benchmark block failed (${run.status}):\n${run.stderr}`);
  return `${run.stdout}\n${run.stderr}`
    .split('\n')
    .map((line) => EXECUTED.exec(line))
    .filter(Boolean)
    .map(([, number, extrinsics, percent, took, charged]) => ({
      number: Number(number),
      extrinsics: Number(extrinsics),
      importMs: Number(took.replaceAll(',', '')) / 1e6,
      chargedMs: Number(charged.replaceAll(',', '')) / 1e6,
      percentOfWeight: Number(percent),
    }));
}

async function main() {
  await cryptoWaitReady();
  const basePath = mkdtempSync(join(tmpdir(), 'lineage-tps-'));
  const authored = new Map();
  const node = await startNode({
    startupTimeoutMs: 60_000,
    basePath,
    // The default pool (8,192 transactions, 20 MiB) holds about two full blocks; the bench
    // keeps every pre-signed transfer in it at once.
    extraArgs: ['--pool-limit', String(total + 1_000), '--pool-kbytes', String(Math.ceil((total * 200) / 1024) + 20_480)],
    onLine: (line) => {
      const prepared = PREPARED.exec(line);
      if (prepared) authored.set(Number(prepared[1]), { authorMs: Number(prepared[2]), end: prepared[3] });
    },
  });
  let result;
  try {
    const { api } = node;
    const keyring = new Keyring({ type: 'sr25519', ss58Format: SS58 });
    const alice = keyring.addFromUri('//Alice');
    const accounts = Array.from({ length: senders }, (_, i) => keyring.addFromUri(`//tps/sender/${i}`));

    log(`funding ${senders} senders from Alice`);
    const aliceNonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
    const funding = await presign(
      accounts.map(() => alice),
      (i) => aliceNonce + i,
      (i) => api.tx.balances.transferKeepAlive(accounts[i].address, 100n * LIN),
    );
    const funded = countPerBlock(api, senders, isTransfer, 120_000);
    await submitAll(api, funding);
    const fundingBlock = (await funded).rows.at(-1).number;

    log(`pre-signing ${total} transfers (${senders} senders × ${perSender})`);
    const signed = [];
    for (let nonce = 0; nonce < perSender; nonce += 1) {
      signed.push(
        ...(await presign(accounts, nonce, (i) => api.tx.balances.transferKeepAlive(accounts[(i + 1) % senders].address, LIN / 1_000n))),
      );
    }
    const upfront = await upfrontWeight(api, signed[0]);
    const maxNormalMs = Number(api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap().refTime.toBigInt()) / 1e9;

    log(`submitting ${total} transfers`);
    const counting = countPerBlock(api, total, isTransfer, 600_000);
    const submitStart = Date.now();
    await submitAll(api, signed, 1_000);
    log(`all ${total} accepted by the pool in ${((Date.now() - submitStart) / 1000).toFixed(1)} s`);
    const { rows, sample } = await counting;
    // A new-heads subscription starts with the current head: the funding block is not counted.
    result = { rows: rows.filter((row) => row.number > fundingBlock), sample, upfront, maxNormalMs, fundingBlock };
  } finally {
    await node.stop();
  }

  const counted = result.rows.filter((row) => row.count > 0);
  if (counted.length === 0) throw new Error('no block included a transfer');
  // The funding block is re-executed first and left out: its runs include compiling the runtime.
  log(`re-executing blocks ${result.fundingBlock}..${counted.at(-1).number} (benchmark block, ${IMPORT_REPEAT} runs each)`);
  const imported = new Map(importTimes(basePath, result.fundingBlock, counted.at(-1).number).map((row) => [row.number, row]));
  rmSync(basePath, { recursive: true, force: true });

  const blocks = counted.map((row) => ({
    number: row.number,
    transfers: row.count,
    normalClassFullness: row.fullness,
    authorMs: authored.get(row.number)?.authorMs ?? null,
    authoringEnded: authored.get(row.number)?.end ?? null,
    importMs: imported.get(row.number)?.importMs ?? null,
    chargedMs: imported.get(row.number)?.chargedMs ?? null,
    importPercentOfWeight: imported.get(row.number)?.percentOfWeight ?? null,
    importMicrosPerTransfer: imported.has(row.number) ? Math.round((imported.get(row.number).importMs * 1000) / row.count) : null,
  }));
  // A block is full when authoring stopped because the next transfer no longer fit.
  const full = blocks.filter((block) => block.authoringEnded === 'HitBlockWeightLimit' || block.authoringEnded === 'HitBlockSizeLimit');
  const best = blocks.reduce((a, b) => (b.transfers > a.transfers ? b : a));
  console.log(
    JSON.stringify(
      {
        senders,
        perSender,
        total,
        transferChargedUpFrontMicros: result.upfront,
        transferChargedAfterDispatchMicros: result.sample?.weightMicros ?? null,
        transferFeePlancks: result.sample?.fee ?? null,
        normalClassBudgetMs: result.maxNormalMs,
        transfersPerFullBlock: full.length > 0 ? Math.min(...full.map((block) => block.transfers)) : null,
        maxTransfersPerBlock: best.transfers,
        fullBlocks: full.length,
        maxAuthorMsOfFullBlocks: full.length > 0 ? Math.max(...full.map((block) => block.authorMs ?? 0)) : null,
        maxImportMsOfFullBlocks: full.length > 0 ? Math.max(...full.map((block) => block.importMs ?? 0)) : null,
        blocks,
      },
      null,
      2,
    ),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
