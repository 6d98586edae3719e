#!/usr/bin/env python3
"""A toy cell's execute round trip through jupyter_client, Convbook's kernel beside ipykernel with PyTorch.

For each kernel: start it (timing start to ready: until its kernel_info reply has come and iopub delivers), run a
warm-up, then time 500 executes of the same toy cell from `execute_request` sent to the `idle` status on
iopub (the whole round trip a notebook front end waits for), and print p50 and p99, one JSON object per
line, as `convbook bench` does.

    make bench-kernel    # builds release, makes .venv-bench (jupyter_client, ipykernel, torch), runs this
    python Benchmarks/peer_kernel.py --convbook .build/release/convbook [--runs 500]
"""
import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

# The same toy cell in both languages: a small tensor, one op, a printed result.
SETUP = "import torch\nX = torch.ones(3, 3)"
CELL = "Y = X * 2 + 1\nY.sum()"


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def measure(kernel_name, runs):
    km = KernelManager(kernel_name=kernel_name)
    start = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    # Ready: the kernel_info reply has come and iopub delivers (wait_for_ready would add its fixed 0.2 s
    # wait for iopub to fall quiet, which is the client's time, not the kernel's).
    msg_id = kc.kernel_info()
    while kc.get_shell_msg(timeout=60)["parent_header"].get("msg_id") != msg_id:
        pass
    kc.get_iopub_msg(timeout=60)
    ready = time.perf_counter() - start
    kc.wait_for_ready(timeout=60)
    try:
        for code in (SETUP, CELL, CELL):
            kc.execute_interactive(code, timeout=60, output_hook=lambda msg: None)
        times = []
        for _ in range(runs):
            begin = time.perf_counter()
            msg_id = kc.execute(CELL)
            while True:
                msg = kc.get_iopub_msg(timeout=30)
                if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                        and msg["content"]["execution_state"] == "idle"):
                    break
            times.append(time.perf_counter() - begin)
            kc.get_shell_msg(timeout=30)
        return ready, times
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--convbook", required=True, help="the convbook binary (a release build)")
    parser.add_argument("--runs", type=int, default=500)
    arguments = parser.parse_args()

    root = tempfile.mkdtemp(prefix="convbook-bench-")
    try:
        os.environ["JUPYTER_PATH"] = os.path.join(root, "share", "jupyter")
        os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(root, "runtime")
        os.system(f"'{arguments.convbook}' jupyter install --prefix '{root}' >/dev/null")
        # ipykernel's own spec, in the same temporary folder, so the benchmark runs this venv's Python.
        from ipykernel.kernelspec import install as install_ipykernel
        install_ipykernel(prefix=root, kernel_name="python3-bench")
        names = KernelSpecManager().find_kernel_specs()
        for name, label in (("convbook", "convbook"), ("python3-bench", "ipykernel+torch")):
            if name not in names:
                print(json.dumps({"kernel": label, "error": "kernelspec not found"}))
                continue
            ready, times = measure(name, arguments.runs)
            print(json.dumps({
                "kernel": label, "runs": len(times), "cell": CELL,
                "p50_ms": round(percentile(times, 0.5) * 1e3, 3), "p99_ms": round(percentile(times, 0.99) * 1e3, 3),
                "mean_ms": round(statistics.fmean(times) * 1e3, 3), "start_to_ready_ms": round(ready * 1e3, 1),
            }))
            sys.stdout.flush()
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
