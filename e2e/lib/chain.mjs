// Small, bounded helpers over polkadot.js for the tests: wait for a block height, submit a
// signed transaction and wait for its block, name a DispatchError. Each wait unsubscribes
// when it is done or has timed out, so no subscription outlives its test.

import { withTimeout } from './node.mjs';

/**
 * Resolves with the first head number for which `predicate` holds.
 * `subscribe` is e.g. `(cb) => api.rpc.chain.subscribeNewHeads(cb)`.
 */
export function waitForHead(subscribe, predicate, timeoutMs, what) {
  let unsub;
  let done = false;
  const found = new Promise((resolve, reject) => {
    subscribe((header) => {
      const number = header.number.toNumber();
      if (!done && predicate(number)) {
        done = true;
        resolve(number);
      }
    }).then((u) => {
      unsub = u;
      if (done) u();
    }, reject);
  });
  return withTimeout(found, timeoutMs, what).finally(() => {
    done = true;
    unsub?.();
  });
}

/**
 * Signs and submits `tx`, resolving once it is in a block (`until: 'inBlock'`) or that block
 * is finalized (`until: 'finalized'`), with { blockHash, events, dispatchError }; `events`
 * are this extrinsic's events only. Rejects if the pool refuses or drops it.
 */
export function sendAndWait(tx, signer, { until = 'finalized', timeoutMs = 90_000 } = {}) {
  let unsub;
  let done = false;
  const included = new Promise((resolve, reject) => {
    tx.signAndSend(signer, (result) => {
      const { status } = result;
      if (done) return;
      if (status.isInvalid || status.isDropped || status.isUsurped || status.isFinalityTimeout) {
        done = true;
        reject(new Error(`transaction ${result.txHash.toHex()} ended as ${status.type}`));
        return;
      }
      let blockHash = null;
      if (status.isFinalized) blockHash = status.asFinalized;
      else if (until === 'inBlock' && status.isInBlock) blockHash = status.asInBlock;
      if (blockHash) {
        done = true;
        resolve({ blockHash, events: result.events, dispatchError: result.dispatchError });
      }
    }).then((u) => {
      unsub = u;
      if (done) u();
    }, reject);
  });
  return withTimeout(included, timeoutMs, `transaction ${until}`).finally(() => {
    done = true;
    unsub?.();
  });
}

/** The first event of `events` (EventRecords) that `eventType` (e.g. api.events.x.Y) matches. */
export function findEvent(events, eventType) {
  return events.find(({ event }) => eventType.is(event))?.event;
}

/** A DispatchError as text: `section.Name` for module errors, else e.g. `Token.FundsUnavailable`. */
export function dispatchErrorName(api, dispatchError) {
  if (dispatchError.isModule) {
    const { section, name } = api.registry.findMetaError(dispatchError.asModule);
    return `${section}.${name}`;
  }
  const inner = dispatchError.value;
  return inner && typeof inner.type === 'string'
    ? `${dispatchError.type}.${inner.type}`
    : dispatchError.type;
}

/** Free balance of `address` in the state after block `blockHash`, as a bigint. */
export async function freeBalanceAt(api, blockHash, address) {
  const apiAt = await api.at(blockHash);
  const { data } = await apiAt.query.system.account(address);
  return data.free.toBigInt();
}

/**
 * A JSON-RPC request to the node at `rpcUrl` over HTTP with `params` sent exactly as given (no
 * polkadot.js encoding); resolves with the HTTP status and the response's `result` or `error`,
 * or the body's text when it is not JSON.
 */
export async function rawRpc(rpcUrl, method, params, timeoutMs = 60_000) {
  const res = await fetch(rpcUrl.replace(/^ws:/, 'http:'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  try {
    return { status: res.status, ...JSON.parse(text) };
  } catch {
    return { status: res.status, text };
  }
}
