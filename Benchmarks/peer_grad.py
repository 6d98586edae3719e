"""The `convbook bench grad` cases on PyTorch (CPU), for comparison.

Times, each on its own, what `convbook bench grad` times: the forward conv2d, the input
gradient, the weight and bias gradients (both through `aten.convolution_backward`, the call
autograd makes), and one training step `conv2d(x, w, b).sum().backward()` with input, weight
and bias requiring grad. Prints one JSON line per shape with forward_us, input_grad_us,
weight_grad_us, backward_us (input + weight and bias), step_us and backward_gflops
(2 convolutions' worth of FLOPs over backward_us), with the same keys as `bench grad`.
Usage: /work/peers-venv/bin/python Benchmarks/peer_grad.py [--threads 2] [--samples 9] [--shapes a,b]
       [--cpu-time]   (process CPU time instead of wall time, as `bench grad --cpu-time`: with --threads 1)
"""
import argparse
import json
import time

import torch
import torch.nn.functional as F

from alternating_timer import measure

SUITE = [
    # name, N, C_in, size, C_out, kernel, stride, padding (same list as BenchGradCommand.suite)
    ("stem3x3_c3_224", 1, 3, 224, 64, 3, 1, 1),
    ("res3x3_c64_56", 1, 64, 56, 64, 3, 1, 1),
    ("pw1x1_c256_14", 1, 256, 14, 256, 1, 1, 0),
    ("res3x3_c64_56_n8", 8, 64, 56, 64, 3, 1, 1),
    ("res3x3_c128_28", 1, 128, 28, 128, 3, 1, 1),
    ("stem7x7s2_c3_224", 1, 3, 224, 64, 7, 2, 3),
    ("lenet_c1_n128", 128, 1, 28, 6, 5, 1, 2),
    ("lenet_c2_n128", 128, 6, 14, 16, 5, 1, 0),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--samples", type=int, default=9)
    parser.add_argument("--min-time", type=float, default=0.1)
    parser.add_argument("--shapes", default="")
    parser.add_argument("--cpu-time", action="store_true")
    args = parser.parse_args()
    clock = time.process_time if args.cpu_time else time.perf_counter
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    wanted = set(filter(None, args.shapes.split(",")))
    for name, n, c, size, out, k, stride, pad in SUITE:
        if wanted and name not in wanted:
            continue
        x = torch.rand(n, c, size, size) * 2 - 1
        w = torch.rand(out, c, k, k) * 2 - 1
        b = torch.rand(out) * 2 - 1
        out_size = (size + 2 * pad - k) // stride + 1
        dy = torch.rand(n, out, out_size, out_size) * 2 - 1
        xg, wg, bg = (t.clone().requires_grad_(True) for t in (x, w, b))

        def forward():
            with torch.no_grad():
                F.conv2d(x, w, b, stride=stride, padding=pad)

        def backward(mask):
            return lambda: torch.ops.aten.convolution_backward(
                dy, x, w, [out], [stride, stride], [pad, pad], [1, 1], False, [0, 0], 1, mask)

        def step():
            xg.grad = wg.grad = bg.grad = None
            F.conv2d(xg, wg, bg, stride=stride, padding=pad).sum().backward()

        forward_t, input_t, weight_t, step_t = measure(
            [forward, backward([True, False, False]), backward([False, True, True]), step], args.samples, args.min_time,
            clock)
        flops = 2.0 * n * out * out_size * out_size * c * k * k
        print(json.dumps({
            "shape": name, "peer": "torch " + torch.__version__, "forward_us": round(forward_t * 1e6, 3),
            "input_grad_us": round(input_t * 1e6, 3), "weight_grad_us": round(weight_t * 1e6, 3),
            "backward_us": round((input_t + weight_t) * 1e6, 3), "step_us": round(step_t * 1e6, 3),
            "backward_gflops": round(2 * flops / (input_t + weight_t) / 1e9, 2), "threads": args.threads,
            **({"clock": "cpu"} if args.cpu_time else {}),
        }), flush=True)


if __name__ == "__main__":
    main()
