"""The large `convbook bench conv` shapes on ONNX Runtime and PyTorch (CPU), forward only, with
the clock of `bench conv --cpu-time`.

`/work/shared/bench/peer_conv.py` is the reference peer run (wall time, waits for a quiet
machine); this one exists for a busy shared machine: with `--cpu-time` it reports process CPU
time per call, which at one thread is what the call would take on a core of its own, so it can
be set beside `convbook bench conv --threads 1 --cpu-time` taken in the same minutes. Samples
alternate between the peers, so a burst of load hits them alike.

Prints one JSON line per shape: median_us and gflops per peer (2·N·C_out·H_o·W_o·C_in·K_h·K_w
over the median), threads, and clock.
Usage: /work/peers-venv/bin/python Benchmarks/peer_forward.py [--threads 1] [--samples 9] [--shapes a,b]
       [--cpu-time] [--peers onnxruntime,torch]
"""
import argparse
import json
import time

import numpy as np

from alternating_timer import measure

SUITE = [
    # name, N, C_in, size, C_out, kernel, stride, padding (the large shapes of peer_conv.py)
    ("stem3x3_c3_224", 1, 3, 224, 64, 3, 1, 1),
    ("res3x3_c64_56", 1, 64, 56, 64, 3, 1, 1),
    ("pw1x1_c256_14", 1, 256, 14, 256, 1, 1, 0),
    ("res3x3_c64_56_n8", 8, 64, 56, 64, 3, 1, 1),
    ("res3x3_c128_28", 1, 128, 28, 128, 3, 1, 1),
    ("stem7x7s2_c3_224", 1, 3, 224, 64, 7, 2, 3),
    ("lenet_c1_n128", 128, 1, 28, 6, 5, 1, 2),
    ("lenet_c2_n128", 128, 6, 14, 16, 5, 1, 0),
]


def onnxruntime_conv(threads, x, w, b, stride, pad):
    import onnxruntime as ort
    from onnx import TensorProto, helper, numpy_helper

    ort.set_default_logger_severity(3)
    n, _, size, _ = x.shape
    out, _, k, _ = w.shape
    out_size = (size + 2 * pad - k) // stride + 1
    node = helper.make_node("Conv", ["x", "w", "b"], ["y"], kernel_shape=[k, k], strides=[stride] * 2, pads=[pad] * 4)
    graph = helper.make_graph(
        [node], "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, list(x.shape))],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [n, out, out_size, out_size])],
        [numpy_helper.from_array(w, "w"), numpy_helper.from_array(b, "b")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    feed = {"x": x}
    return lambda: session.run(None, feed)


def torch_conv(threads, x, w, b, stride, pad):
    import torch

    torch.set_num_threads(threads)
    tx, tw, tb = map(torch.from_numpy, (x, w, b))

    def call():
        with torch.no_grad():
            torch.nn.functional.conv2d(tx, tw, tb, stride=stride, padding=pad)
    return call


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--samples", type=int, default=9)
    parser.add_argument("--min-time", type=float, default=0.1)
    parser.add_argument("--shapes", default="")
    parser.add_argument("--peers", default="onnxruntime,torch")
    parser.add_argument("--cpu-time", action="store_true")
    args = parser.parse_args()
    clock = time.process_time if args.cpu_time else time.perf_counter
    makers = {"onnxruntime": onnxruntime_conv, "torch": torch_conv}
    peers = [p for p in args.peers.split(",") if p]
    wanted = set(filter(None, args.shapes.split(",")))
    for index, (name, n, c, size, out, k, stride, pad) in enumerate(SUITE):
        if wanted and name not in wanted:
            continue
        rng = np.random.default_rng([0, index])
        x = rng.standard_normal((n, c, size, size), dtype=np.float32)
        w = (rng.standard_normal((out, c, k, k), dtype=np.float32) / np.sqrt(c * k * k)).astype(np.float32)
        b = rng.standard_normal(out, dtype=np.float32)
        bodies = [makers[p](args.threads, x, w, b, stride, pad) for p in peers]
        times = measure(bodies, args.samples, args.min_time, clock)
        out_size = (size + 2 * pad - k) // stride + 1
        flops = 2.0 * n * out * out_size * out_size * c * k * k
        record = {"shape": name, "threads": args.threads}
        for peer, seconds in zip(peers, times):
            record[peer] = {"median_us": round(seconds * 1e6, 1), "gflops": round(flops / seconds / 1e9, 2)}
        if args.cpu_time:
            record["clock"] = "cpu"
        print(json.dumps(record), flush=True)


if __name__ == "__main__":
    main()
