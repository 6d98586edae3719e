"""The `convbook bench lang` cases on CPython, for comparison.

Runs the book's code with PyTorch when it is installed; otherwise with NumPy standing in for
torch (same loops, same slicing and reductions). Prints one JSON line per case with median_ms.
Usage: python3 Benchmarks/peer_lang.py
"""
import json
import statistics
import sys
import time

# `--cpu-time` measures process CPU time, as `convbook bench lang --cpu-time` does.
clock = time.process_time if "--cpu-time" in sys.argv else time.perf_counter

try:
    import torch
    backend = "torch " + torch.__version__

    def zeros(shape):
        return torch.zeros(shape)

    def stack(items):
        return torch.stack(items, 0)

    def corr2d_lib(X, K):
        h, w = K.shape
        Y = torch.zeros((X.shape[0] - h + 1, X.shape[1] - w + 1))
        for i in range(Y.shape[0]):
            for j in range(Y.shape[1]):
                Y[i, j] = (X[i:i + h, j:j + w] * K).sum()
        return Y

    tensor = torch.tensor
    X64 = torch.arange(64 * 64, dtype=torch.float32).reshape((64, 64)) / 100
except ImportError:
    import numpy as np
    backend = "numpy " + np.__version__ + " (torch not installed)"

    def zeros(shape):
        return np.zeros(shape, dtype=np.float32)

    def stack(items):
        return np.stack(items, 0)

    def tensor(data):
        return np.array(data, dtype=np.float32)

    def corr2d_lib(X, K):
        h, w = K.shape
        Y = np.zeros((X.shape[0] - h + 1, X.shape[1] - w + 1), dtype=np.float32)
        for i in range(Y.shape[0]):
            for j in range(Y.shape[1]):
                Y[i, j] = (X[i:i + h, j:j + w] * K).sum()
        return Y

    X64 = np.arange(64 * 64, dtype=np.float32).reshape((64, 64)) / 100


def reduce_sum(x):
    return x.sum()


def corr2d(X, K):
    h, w = K.shape
    Y = zeros((X.shape[0] - h + 1, X.shape[1] - w + 1))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = reduce_sum(X[i:i + h, j:j + w] * K)
    return Y


def corr2d_multi_in(X, K):
    return sum(corr2d_lib(x, k) for x, k in zip(X, K))


def corr2d_multi_in_out(X, K):
    return stack([corr2d_multi_in(X, k) for k in K])


K3 = tensor([[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]])
X3 = tensor([[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]],
             [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]])
K2 = tensor([[[0.0, 1.0], [2.0, 3.0]], [[1.0, 2.0], [3.0, 4.0]]])
K4 = stack([K2, K2 + 1, K2 + 2])


def measure(body, samples=5):
    body()
    times = []
    for _ in range(samples):
        start = clock()
        body()
        times.append(clock() - start)
    return statistics.median(times), min(times)


def run_multi():
    for _ in range(10000):
        corr2d_multi_in_out(X3, K4)


for name, body, calls in [
    ("corr2d_loop_64x64_k3", lambda: corr2d(X64, K3), 1),
    ("corr2d_multi_in_out_toy_x10000", run_multi, 10000),
]:
    median, best = measure(body)
    print(json.dumps({
        "shape": name, "backend": "cpython " + backend, "median_ms": round(median * 1000, 3),
        "best_ms": round(best * 1000, 3), "per_call_us": round(median / calls * 1e6, 3),
        "clock": "cpu" if clock is time.process_time else "wall",
    }))
