"""PyTorch's conv2d accuracy on the `convbook bench conv --accuracy` shapes, for comparison.

Like `bench conv --accuracy`: N(0, 1) inputs, Kaiming-normal weights (std sqrt(2 / fan-in)),
no bias; PyTorch's float32 conv2d (CPU, whatever algorithm it picks) against the same
convolution in float64. Prints one JSON line per shape and seed with max_rel_err (largest
absolute error over the largest output) and rms_rel_err (RMS error over the outputs' RMS), the
keys `bench conv --accuracy` prints.
Usage: /work/main/.venv-torch/bin/python Benchmarks/peer_conv_accuracy.py [--threads 1] [--seeds 3]
       [--shapes a,b]
"""
import argparse
import json

import torch
import torch.nn.functional as F

SUITE = [
    # name, N, C_in, size, C_out, kernel, stride, padding (same list as BenchConvCase.suite)
    ("res3x3_c64_56", 1, 64, 56, 64, 3, 1, 1),
    ("res3x3_c64_56_n8", 8, 64, 56, 64, 3, 1, 1),
    ("res3x3_c128_28", 1, 128, 28, 128, 3, 1, 1),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--shapes", default="")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    wanted = set(filter(None, args.shapes.split(",")))
    for name, n, cin, size, cout, k, stride, pad in SUITE:
        if wanted and name not in wanted:
            continue
        for seed in range(args.seeds):
            generator = torch.Generator().manual_seed(seed)
            x = torch.randn(n, cin, size, size, generator=generator, dtype=torch.float64)
            w = torch.randn(cout, cin, k, k, generator=generator, dtype=torch.float64) * (2 / (cin * k * k)) ** 0.5
            # The float32 operands are the reference's operands too: only the arithmetic differs.
            x32, w32 = x.float(), w.float()
            exact = F.conv2d(x32.double(), w32.double(), stride=stride, padding=pad)
            y = F.conv2d(x32, w32, stride=stride, padding=pad).double()
            error = (y - exact).abs().max() / exact.abs().max()
            rms = ((y - exact) ** 2).mean().sqrt() / (exact**2).mean().sqrt()
            print(json.dumps({
                "shape": name, "peer": "pytorch", "version": torch.__version__, "seed": seed,
                "threads": args.threads, "max_rel_err": float(error), "rms_rel_err": float(rms),
            }))


if __name__ == "__main__":
    main()
