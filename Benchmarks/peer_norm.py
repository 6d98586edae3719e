"""The `convbook bench norm` cases on PyTorch (CPU), for comparison.

Times nn.BatchNorm2d / nn.BatchNorm1d in training mode, forward + backward, with the input, the
weight and the bias requiring grad and an upstream gradient `g` (`bn(x).backward(g)`), exactly
what `convbook bench norm` times (the running statistics are updated as part of the forward
pass). Also the training forward pass and the eval forward pass under no_grad. Prints one JSON
line per shape with median_us, best_us, forward_median_us and eval_median_us.
Usage: /work/main/.venv-torch/bin/python Benchmarks/peer_norm.py [--threads 2] [--samples 9] [--cpu-time]
"""
import argparse
import json
import time

import torch
from torch import nn

SUITE = [
    ("bn_128x64x28", (128, 64, 28, 28)),
    ("bn_32x256x14", (32, 256, 14, 14)),
    ("bn1d_256x120", (256, 120)),
]


def measure(body, samples, min_time, clock=time.perf_counter):
    body()
    start = clock()
    body()
    once = max(clock() - start, 1e-9)
    repeats = max(1, int(min_time / once))
    times = []
    for _ in range(samples):
        start = clock()
        for _ in range(repeats):
            body()
        times.append((clock() - start) / repeats)
    times.sort()
    return times[len(times) // 2], times[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--samples", type=int, default=9)
    parser.add_argument("--min-time", type=float, default=0.2)
    parser.add_argument("--cpu-time", action="store_true", help="process CPU time (busy machine; use --threads 1)")
    args = parser.parse_args()
    clock = time.process_time if args.cpu_time else time.perf_counter
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    for name, shape in SUITE:
        bn = (nn.BatchNorm2d if len(shape) == 4 else nn.BatchNorm1d)(shape[1])
        x = (torch.rand(shape) * 2 - 1).requires_grad_(True)
        g = torch.rand(shape) * 2 - 1

        def step():
            x.grad = bn.weight.grad = bn.bias.grad = None
            bn.train()
            bn(x).backward(g)

        def forward():
            bn.train()
            with torch.no_grad():
                bn(x)

        def evaluation():
            bn.eval()
            with torch.no_grad():
                bn(x)

        median, best = measure(step, args.samples, args.min_time, clock)
        forward_median, _ = measure(forward, args.samples, args.min_time, clock)
        eval_median, _ = measure(evaluation, args.samples, args.min_time, clock)
        count = x.numel()
        print(json.dumps({
            "shape": name, "peer": "torch " + torch.__version__, "median_us": round(median * 1e6, 3),
            "best_us": round(best * 1e6, 3), "forward_median_us": round(forward_median * 1e6, 3),
            "eval_median_us": round(eval_median * 1e6, 3), "gb_per_s": round(16 * count / median / 1e9, 2),
            "threads": args.threads, "clock": "cpu" if args.cpu_time else "wall",
        }), flush=True)


if __name__ == "__main__":
    main()
