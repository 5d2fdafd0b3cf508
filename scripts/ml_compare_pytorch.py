"""The PyTorch half of scripts/ml-compare-pytorch: the digits MLP and CNN of ml/specs/, timed
like ml/benches/engine.rs (inference at batch 1 and 64, one Adam epoch at batch 32), then
printed next to criterion's estimates for lineage-ml."""

import argparse
import json
import os
import statistics
import time

import numpy as np
import torch
from torch import nn


def mlp():
    return nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))


def cnn():
    return nn.Sequential(
        nn.Unflatten(1, (1, 8, 8)),
        nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(8 * 3 * 3, 32), nn.ReLU(), nn.Dropout(0.1), nn.Linear(32, 10),
    )


def timed(run, minimum_seconds=2.0, minimum_runs=10):
    """Mean seconds per call after a warm-up, like criterion's mean estimate."""
    for _ in range(3):
        run()
    times = []
    start = time.perf_counter()
    while len(times) < minimum_runs or time.perf_counter() - start < minimum_seconds:
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return statistics.mean(times)


def epoch(model, x, y, generator):
    optimizer = torch.optim.Adam(model.parameters(), lr=0.003)
    loss_fn = nn.CrossEntropyLoss()
    model.train()
    order = torch.randperm(len(x), generator=generator)
    for start in range(0, len(x), 32):
        batch = order[start:start + 32]
        optimizer.zero_grad()
        loss = loss_fn(model(x[batch]), y[batch])
        loss.backward()
        optimizer.step()


def criterion_seconds(root, group, bench):
    path = os.path.join(root, group, bench, "new", "estimates.json")
    try:
        with open(path) as f:
            return json.load(f)["mean"]["point_estimate"] / 1e9
    except OSError:
        return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--criterion", required=True)
    parser.add_argument("--data", required=True)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(7)
    table = np.loadtxt(args.data, delimiter=",", dtype=np.float32)
    x = torch.from_numpy(table[:, :64].copy())
    y = torch.from_numpy(table[:, 64].astype(np.int64))
    generator = torch.Generator().manual_seed(7)

    print(f"torch {torch.__version__}, {args.threads} threads, {len(x)} digits")
    print(f"{'benchmark':<32} {'lineage-ml':>12} {'PyTorch':>12} {'ratio':>7}")
    for name, build in (("digits-mlp", mlp), ("digits-cnn", cnn)):
        model = build()
        model.eval()
        rows = []
        with torch.inference_mode():
            for batch in (1, 64):
                inputs = x[:batch]
                rows.append((f"{name}/inference/{batch}", f"{name}_inference", str(batch),
                             timed(lambda: model(inputs))))
        rows.append((f"{name}/training/epoch", f"{name}_training", "epoch",
                     timed(lambda: epoch(build(), x, y, generator), minimum_runs=5)))
        for label, group, bench, torch_seconds in rows:
            ours = criterion_seconds(args.criterion, group, bench)
            ours_text = f"{ours * 1e6:10.1f}µs" if ours is not None else f"{'(not run)':>12}"
            ratio = f"{ours / torch_seconds:7.2f}" if ours is not None else f"{'-':>7}"
            print(f"{label:<32} {ours_text} {torch_seconds * 1e6:10.1f}µs {ratio}")


if __name__ == "__main__":
    main()
