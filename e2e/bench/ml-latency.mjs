// Latency and throughput of the node's ML service on a live `lineage-node --dev --ml-worker`
// (one node serving the three development workers):
//
// 1. Latency: `--jobs` inference jobs on the demo model (default 24), two submitted per block
//    by Eve; for each, blocks from the block that included it to the block that settled it,
//    and seconds from sending it to that block being finalised; p50 and p95.
// 2. Throughput: `--burst` jobs (default 60) sent at once; how long the ML service takes to
//    answer them all (`lineage_mlStatus`), as jobs per minute, and whether all complete.
// 3. Throughout, the node's CPU (its own and its finished `lineage-ml` children's) and
//    resident memory, sampled from /proc every second.
//
//   node e2e/bench/ml-latency.mjs [--jobs N] [--burst M]
//
// Run through scripts/ml-latency, which builds nothing: it uses the node and lineage-ml in the
// shared target dir.

import { readFileSync } from 'node:fs';

import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import { digit, f32Bytes } from '../lib/engine.mjs';
import { startNode, withTimeout } from '../lib/node.mjs';
import { SS58 } from '../lib/suite.mjs';

const DEMO_MODEL = 0;
const jobs = Number(argument('--jobs') ?? 24);
const burst = Number(argument('--burst') ?? 60);

function argument(name) {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function log(message) {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** CPU seconds (self + waited children) and resident MiB of `pid`, from /proc. */
function usage(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14–17 of stat (utime, stime, cutime, cstime), counted from 3 after the name.
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
  const rss = Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]);
  return { cpu: ticks / 100, rssMiB: rss / 1024 };
}

function sampler(pid) {
  const samples = [];
  let last = { ...usage(pid), at: Date.now() };
  const timer = setInterval(() => {
    const now = { ...usage(pid), at: Date.now() };
    samples.push({ cores: (now.cpu - last.cpu) / ((now.at - last.at) / 1000), rssMiB: now.rssMiB });
    last = now;
  }, 1000);
  return {
    stop() {
      clearInterval(timer);
      const cores = samples.map((s) => s.cores);
      const rss = samples.map((s) => s.rssMiB);
      return {
        cpuCoresMean: cores.reduce((a, b) => a + b, 0) / Math.max(1, cores.length),
        cpuCoresMax: Math.max(...cores),
        rssMiBMax: Math.max(...rss),
        rssMiBLast: rss.at(-1),
      };
    },
  };
}

/** Watches blocks: job → settlement block, block number → finalisation time. */
function watch(api) {
  const settled = new Map();
  const finalisedAt = new Map();
  const unsubs = [];
  const ready = Promise.all([
    api.rpc.chain.subscribeNewHeads(async (header) => {
      const events = await (await api.at(header.hash)).query.system.events();
      for (const { event } of events) {
        if (event.section === 'compute' && ['JobCompleted', 'JobExpired'].includes(event.method)) {
          settled.set(event.data.job.toNumber(), { number: header.number.toNumber(), method: event.method, agreed: event.data.agreed?.length ?? 0 });
        }
      }
    }).then((u) => unsubs.push(u)),
    api.rpc.chain.subscribeFinalizedHeads((header) => {
      finalisedAt.set(header.number.toNumber(), Date.now());
    }).then((u) => unsubs.push(u)),
  ]);
  const finalisedBy = (number) => {
    const times = [...finalisedAt].filter(([n]) => n >= number).map(([, t]) => t);
    return times.length ? Math.min(...times) : undefined;
  };
  return { ready, settled, finalisedBy, stop: () => unsubs.forEach((u) => u()) };
}

async function waitUntil(predicate, timeoutMs, what) {
  await withTimeout((async () => {
    while (!(await predicate())) await new Promise((r) => setTimeout(r, 500));
  })(), timeoutMs, what);
}

async function main() {
  await cryptoWaitReady();
  const node = await startNode({ extraArgs: ['--ml-worker'] });
  const { api } = node;
  const eve = new Keyring({ type: 'sr25519', ss58Format: SS58 }).createFromUri('//Eve');
  const price = (await api.call.modelsApi.model(DEMO_MODEL)).unwrap().price.toBigInt();
  const fee = price + api.consts.compute.computeFee.toBigInt() * 3n;
  const input = u8aToHex(f32Bytes(digit(3)));
  const watcher = watch(api);
  await watcher.ready;
  // The demo assets are seeded once the node is up; the first job must not race them.
  await waitUntil(async () => (await node.provider.send('lineage_blob', [(await api.call.modelsApi.model(DEMO_MODEL)).unwrap().weightsHash.toHex()])).blob, 120_000, 'demo assets');
  const usageSampler = sampler(node.pid);

  // Nonces counted here: jobs sent together must not ask the pool for the same one.
  let nonce = (await api.rpc.system.accountNextIndex(eve.address)).toNumber();
  /** Sends one job; resolves with { id, sentAt, includedIn }. */
  const send = () => new Promise((resolve, reject) => {
    const sentAt = Date.now();
    api.tx.compute.submitInference(DEMO_MODEL, input, fee).signAndSend(eve, { nonce: nonce++ }, ({ status, events, dispatchError }) => {
      if (dispatchError) reject(new Error(dispatchError.toString()));
      if (status.isInBlock) {
        const submitted = events.find(({ event }) => api.events.compute.InferenceSubmitted.is(event));
        api.rpc.chain.getHeader(status.asInBlock).then((header) =>
          resolve({ id: submitted.event.data.job.toNumber(), sentAt, includedIn: header.number.toNumber() }));
      }
    }).catch(reject);
  });

  log(`latency: ${jobs} jobs, two per block`);
  const sent = [];
  for (let i = 0; i < jobs; i += 2) {
    const batch = [send()];
    if (i + 1 < jobs) batch.push(send());
    sent.push(...(await Promise.all(batch)));
  }
  await waitUntil(() => sent.every(({ id }) => watcher.settled.has(id) && watcher.finalisedBy(watcher.settled.get(id).number)), 300_000, 'every job settled and finalised');
  const latency = sent.map(({ id, sentAt, includedIn }) => {
    const end = watcher.settled.get(id);
    return { blocks: end.number - includedIn, seconds: (watcher.finalisedBy(end.number) - sentAt) / 1000, completed: end.method === 'JobCompleted' && end.agreed === 3 };
  });

  log(`throughput: ${burst} jobs at once`);
  const burstSentAt = Date.now();
  const burstJobs = await Promise.all(Array.from({ length: burst }, () => send()));
  const burstIds = new Set(burstJobs.map(({ id }) => id));
  let answeredAt;
  await waitUntil(async () => {
    const status = await node.provider.send('lineage_mlStatus', []);
    // The service remembers its last 64 jobs, so a burst of at most 64 is all there.
    const answered = status.recent.filter((job) => burstIds.has(job.job)).length;
    if (answered < Math.min(burst, 64)) return false;
    answeredAt = Date.now();
    return true;
  }, 300_000, 'the burst answered');
  const serviceSeconds = (answeredAt - burstSentAt) / 1000;
  await waitUntil(() => burstJobs.every(({ id }) => watcher.settled.has(id)), 300_000, 'the burst settled');
  const burstCompleted = burstJobs.filter(({ id }) => watcher.settled.get(id).method === 'JobCompleted').length;
  const recent = (await node.provider.send('lineage_mlStatus', [])).recent.map((job) => job.seconds);

  const resources = usageSampler.stop();
  watcher.stop();
  await node.stop();
  const blocks = latency.map((l) => l.blocks);
  const seconds = latency.map((l) => l.seconds);
  console.log(JSON.stringify({
    latency: {
      jobs: latency.length,
      completedByAllThree: latency.filter((l) => l.completed).length,
      blocksP50: percentile(blocks, 50),
      blocksP95: percentile(blocks, 95),
      secondsToFinalisedP50: percentile(seconds, 50),
      secondsToFinalisedP95: percentile(seconds, 95),
    },
    throughput: {
      burst,
      completed: burstCompleted,
      serviceSecondsToAnswerAll: serviceSeconds,
      jobsPerMinute: Math.round((burst / serviceSeconds) * 60),
      engineSecondsPerJobP50: percentile(recent, 50),
      engineSecondsPerJobP95: percentile(recent, 95),
    },
    node: resources,
  }, null, 2));
}

main().then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
