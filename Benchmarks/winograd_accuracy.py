"""The float error of PyTorch's CPU weight gradient on the 3×3 ResNet shapes, for comparison with
`ConvWeightGradientWinogradAccuracyTests` (the direct and Winograd weight gradients).

Input and output gradient are N(0, 1), batch 1, padding 1; the reference is the same weight
gradient in float64. Prints, per shape and thread count, max |dW − dW64| / max |dW64| and
RMS(dW − dW64) / RMS(dW64), averaged over 5 seeds with the worst seed too.
Usage: /work/main/.venv-torch/bin/python Benchmarks/winograd_accuracy.py
"""
import torch

SHAPES = [("res3x3_c64_56", 64, 56), ("res3x3_c128_28", 128, 28)]


def errors(channels, size, seed):
    generator = torch.Generator().manual_seed(seed)
    x = torch.randn(1, channels, size, size, generator=generator)
    dy = torch.randn(1, channels, size, size, generator=generator)
    shape = (channels, channels, 3, 3)
    dw = torch.nn.grad.conv2d_weight(x, shape, dy, padding=1)
    exact = torch.nn.grad.conv2d_weight(x.double(), shape, dy.double(), padding=1)
    difference = dw.double() - exact
    worst = (difference.abs().max() / exact.abs().max()).item()
    rms = (difference.pow(2).sum() / exact.pow(2).sum()).sqrt().item()
    return worst, rms


for threads in (1, 2):
    torch.set_num_threads(threads)
    for name, channels, size in SHAPES:
        runs = [errors(channels, size, seed) for seed in range(5)]
        worst = [r[0] for r in runs]
        rms = [r[1] for r in runs]
        print(
            f"{name} threads {threads}: worst {sum(worst) / 5:.2e} (max {max(worst):.2e}), "
            f"RMS {sum(rms) / 5:.2e} (max {max(rms):.2e})"
        )
