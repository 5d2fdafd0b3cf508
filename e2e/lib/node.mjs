// Starts a real `lineage-node --dev --tmp` for the end-to-end tests and hands back a
// connected polkadot.js ApiPromise. Everything here is bounded in time, and the node is
// always killed with its whole process group, so a failing or interrupted test run never
// leaves a node behind holding ports.

import { spawn } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { ApiPromise, WsProvider } from '@polkadot/api';

const LOG_LINES = 200;

/** Path of the node binary: $LINEAGE_NODE_BIN, else the release build in the shared target dir. */
export function nodeBinary() {
  const bin =
    process.env.LINEAGE_NODE_BIN ||
    join(
      process.env.CARGO_TARGET_DIR || join(homedir(), '.cache', 'lineage', 'target'),
      'release',
      'lineage-node',
    );
  try {
    accessSync(bin, fsConstants.X_OK);
  } catch {
    throw new Error(
      `lineage-node binary not found or not executable at ${bin}. ` +
        'Build it with `cargo build --release -p lineage-node` (into $CARGO_TARGET_DIR, ' +
        'default ~/.cache/lineage/target) or point LINEAGE_NODE_BIN at it.',
    );
  }
  return bin;
}

/** A TCP port that is free right now: the OS picks one for a throwaway listener. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Rejects with an error naming `what` if `promise` has not settled within `ms`. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Every node this process started and has not stopped yet, so that the exit and signal
// handlers can kill them even when a test never reaches its `after` hook.
const running = new Set();

function killGroup(child, signal) {
  try {
    // Negative pid: the whole process group (the node was spawned detached, as group leader).
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

// Kill any node still running when this process ends, however it ends short of SIGKILL.
// Handlers for SIGINT/SIGTERM replace Node's default "exit on signal", so they exit
// explicitly (128 + signal number); the 'exit' handler then kills the nodes.
process.on('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

/** Polls the node's JSON-RPC over plain HTTP (same port as WebSocket) until it answers. */
async function waitForRpc(httpUrl, child, deadline, logs) {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system_health', params: [] });
  let lastError;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `lineage-node exited (code ${child.exitCode}, signal ${child.signalCode}) before its RPC came up.\n` +
          `--- last node output ---\n${logs()}`,
      );
    }
    try {
      const res = await fetch(httpUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(2_000),
      });
      if (res.ok && (await res.json()).result) return;
      lastError = new Error(`HTTP ${res.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `lineage-node RPC at ${httpUrl} did not answer in time (last error: ${lastError?.message}).\n` +
      `--- last node output ---\n${logs()}`,
  );
}

/**
 * Spawns `lineage-node --dev --tmp` on free ports and connects polkadot.js to it; with
 * `basePath`, the chain lives there instead, so a node started again continues it.
 * Returns { api, provider, rpcUrl, prometheusPort, stop(), logs(), pid }; `provider.send` reaches
 * RPC methods polkadot.js does not know (`lineage_*`). `onLine(line)` sees every line the node
 * logs, for callers that need more than the last few kept for error messages.
 */
export async function startNode({ startupTimeoutMs = 60_000, extraArgs = [], basePath = null, onLine = null } = {}) {
  const bin = nodeBinary();
  const [rpcPort, p2pPort, prometheusPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const args = [
    '--dev',
    ...(basePath ? ['--base-path', basePath] : ['--tmp']),
    '--rpc-port', String(rpcPort),
    '--port', String(p2pPort),
    '--prometheus-port', String(prometheusPort),
    '--no-telemetry',
    '--no-mdns',
    '--rpc-cors', 'all',
    ...extraArgs,
  ];

  const child = spawn(bin, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);

  // Ring buffer of the node's last output lines (Substrate logs to stderr), shown on failure.
  const lines = [];
  const keep = (line) => {
    onLine?.(line);
    lines.push(line);
    if (lines.length > LOG_LINES) lines.shift();
  };
  createInterface({ input: child.stdout }).on('line', keep);
  createInterface({ input: child.stderr }).on('line', keep);
  const logs = () => lines.join('\n');

  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.once('exit', () => running.delete(child));
  // Spawn failures (e.g. EACCES) arrive as an 'error' event; keep them for the message.
  child.on('error', (error) => keep(`[spawn error] ${error.message}`));

  const rpcUrl = `ws://127.0.0.1:${rpcPort}`;
  let provider;
  let api;
  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      await (api ?? provider)?.disconnect().catch(() => {});
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        killGroup(child, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      running.delete(child);
    })();
    return stopping;
  };

  try {
    const deadline = Date.now() + startupTimeoutMs;
    await waitForRpc(`http://127.0.0.1:${rpcPort}`, child, deadline, logs);
    // autoConnectMs = false: no endless reconnect loop (and log spam) if the node dies;
    // the test then fails on its own timeout instead.
    provider = new WsProvider(rpcUrl, false);
    await provider.connect();
    api = await withTimeout(
      ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true }),
      Math.max(5_000, deadline - Date.now()),
      `connect to ${rpcUrl} and load the metadata`,
    );
  } catch (error) {
    await stop();
    if (!String(error.message).includes('--- last node output ---')) {
      error.message += `\n--- last node output ---\n${logs()}`;
    }
    throw error;
  }

  return { api, provider, rpcUrl, prometheusPort, stop, logs, pid: child.pid };
}
