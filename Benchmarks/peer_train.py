"""`convbook bench train` on PyTorch: one epoch of the book's LeNet on Fashion-MNIST (60,000 images,
batch 128, forward + backward + SGD step) on the CPU, for comparison.

Same work as Convbook's: the same files (Debian's dataset-fashion-mnist), ToTensor's x / 255 (made once,
as torchvision's dataset would per item; this favours PyTorch), a shuffled DataLoader over a
TensorDataset, nn.Sequential LeNet (sigmoid + average pooling, or --variant relu), F.cross_entropy,
torch.optim.SGD lr 0.1; one warm-up step untimed; each sample one epoch. Reports the median and peak RSS.

With `--convbook PATH` (a release build) it also runs `PATH bench train` with the same options in the same
run and prints both side by side, with the ratio Convbook / PyTorch.

Usage: /work/main/.venv-torch/bin/python Benchmarks/peer_train.py [--convbook .build/release/convbook]
           [--threads 2] [--samples 3] [--variant book|relu]
"""
import argparse
import gzip
import json
import os
import resource
import statistics
import subprocess
import time

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

SOURCE = os.environ.get("CONVBOOK_FASHION_MNIST", "/usr/share/datasets/fashion-mnist")


def read(name, offset):
    with gzip.open(os.path.join(SOURCE, name)) as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def peer(threads, samples, variant):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    images = torch.from_numpy(read("train-images-idx3-ubyte.gz", 16).reshape(-1, 1, 28, 28).astype(np.float32) / 255)
    labels = torch.from_numpy(read("train-labels-idx1-ubyte.gz", 8).astype(np.int64))
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(images, labels), batch_size=128, shuffle=True)
    act = nn.ReLU if variant == "relu" else nn.Sigmoid
    pool = nn.MaxPool2d if variant == "relu" else nn.AvgPool2d
    model = nn.Sequential(
        nn.Conv2d(1, 6, kernel_size=5, padding=2), act(), pool(kernel_size=2, stride=2),
        nn.Conv2d(6, 16, kernel_size=5), act(), pool(kernel_size=2, stride=2),
        nn.Flatten(), nn.Linear(400, 120), act(), nn.Linear(120, 84), act(), nn.Linear(84, 10))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    X, y = next(iter(loader))
    F.cross_entropy(model(X), y).backward()
    times, loss_mean = [], None
    for _ in range(samples):
        start = time.perf_counter()
        total = 0.0
        for X, y in loader:
            loss = F.cross_entropy(model(X), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += float(loss)
        times.append(time.perf_counter() - start)
        loss_mean = total / len(loader)
    return {"median_s": statistics.median(times), "best_s": min(times), "samples": samples, "threads": threads,
            "mean_loss_last_epoch": round(loss_mean, 4),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--convbook")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--samples", type=int, default=3)
    parser.add_argument("--variant", default="book", choices=["book", "relu"])
    args = parser.parse_args()
    ours = None
    if args.convbook:
        out = subprocess.run([args.convbook, "bench", "train", "--threads", str(args.threads), "--samples",
                              str(args.samples), "--variant", args.variant], capture_output=True, text=True, check=True)
        ours = json.loads(out.stdout.strip().splitlines()[-1])
    theirs = peer(args.threads, args.samples, args.variant)
    print(json.dumps({"pytorch": theirs}))
    if ours:
        print(json.dumps({"convbook": ours}))
        print(f"one epoch, LeNet ({args.variant}), batch 128, {args.threads} threads: "
              f"Convbook {float(ours['median_s']):.2f} s, PyTorch {theirs['median_s']:.2f} s, "
              f"ratio Convbook/PyTorch {float(ours['median_s']) / theirs['median_s']:.2f}; "
              f"peak RSS Convbook {ours['peak_rss_mb']} MB, PyTorch {theirs['peak_rss_mb']} MB")


if __name__ == "__main__":
    main()
