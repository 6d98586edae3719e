"""The `convbook bench grad` cases on PyTorch (CPU), for comparison.

Times conv2d forward + backward with input, weight and bias requiring grad and the loss
`conv2d(x, w, b, padding=1).sum()`, exactly what `convbook bench grad` times. Prints one JSON
line per shape with median_us, best_us, forward_median_us and gflops (3 convolutions' worth).
Usage: /work/peers-venv/bin/python Benchmarks/peer_grad.py [--threads 2] [--samples 9]
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn.functional as F

SUITE = [
    # name, N, C_in, size, C_out, kernel, padding
    ("res3x3_c64_56", 1, 64, 56, 64, 3, 1),
    ("res3x3_c64_56_n8", 8, 64, 56, 64, 3, 1),
]


def measure(body, samples, min_time):
    body()
    start = time.perf_counter()
    body()
    once = max(time.perf_counter() - start, 1e-9)
    repeats = max(1, int(min_time / once))
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        for _ in range(repeats):
            body()
        times.append((time.perf_counter() - start) / repeats)
    times.sort()
    return times[len(times) // 2], times[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--samples", type=int, default=9)
    parser.add_argument("--min-time", type=float, default=0.2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    for name, n, c, size, out, k, pad in SUITE:
        x = torch.rand(n, c, size, size) * 2 - 1
        w = torch.rand(out, c, k, k) * 2 - 1
        b = torch.rand(out) * 2 - 1
        x.requires_grad_(True)
        w.requires_grad_(True)
        b.requires_grad_(True)

        def step():
            x.grad = w.grad = b.grad = None
            F.conv2d(x, w, b, padding=pad).sum().backward()

        def forward():
            with torch.no_grad():
                F.conv2d(x, w, b, padding=pad)

        median, best = measure(step, args.samples, args.min_time)
        forward_median, _ = measure(forward, args.samples, args.min_time)
        flops = 3 * 2.0 * n * out * size * size * c * k * k
        print(json.dumps({
            "shape": name, "peer": "torch " + torch.__version__, "median_us": round(median * 1e6, 3),
            "best_us": round(best * 1e6, 3), "forward_median_us": round(forward_median * 1e6, 3),
            "gflops": round(flops / median / 1e9, 2), "threads": args.threads,
        }), flush=True)


if __name__ == "__main__":
    main()
