"""The `convbook bench book` programs on CPython + PyTorch + d2l, for comparison.

Times each golden program `Tests/LangTests/Golden/d2l_<section>.py` (a section's PyTorch cells
without training: model construction with lazy shape inference, `layer_summary` at the book's
input size) exactly as `convbook bench book` does: the whole program, printed output captured,
in fresh globals per sample, after one untimed run; `import torch` and `import d2l` happen once
before any timing, as Convbook's session setup is outside its timing. torchvision, which d2l only
imports for its data sets, is stubbed when it does not import (as Golden/Book/make_outputs.py does).

With `--convbook PATH` (a release build) it also runs `PATH bench book` with the same options in
the same run and prints both side by side, with the ratio Convbook / PyTorch.

Usage: /work/main/.venv-torch/bin/python Benchmarks/peer_book.py [--convbook .build/release/convbook]
           [--threads 2] [--samples 5] [SECTION ...]
"""
import argparse
import contextlib
import io
import json
import os
import statistics
import subprocess
import sys
import time
import types

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(os.path.dirname(HERE), "Tests", "LangTests", "Golden")


def stub_torchvision():
    try:
        import torchvision  # noqa: F401
    except Exception:
        stub = types.ModuleType("torchvision")
        stub.transforms = types.ModuleType("torchvision.transforms")
        stub.datasets = types.ModuleType("torchvision.datasets")
        sys.modules.update({"torchvision": stub, "torchvision.transforms": stub.transforms,
                            "torchvision.datasets": stub.datasets})


def sections(wanted):
    names = sorted(n[4:-3] for n in os.listdir(GOLDEN) if n.startswith("d2l_") and n.endswith(".py"))
    return [n for n in names if not wanted or n in wanted]


def time_program(name, samples):
    path = os.path.join(GOLDEN, f"d2l_{name}.py")
    code = compile(open(path).read(), path, "exec")
    times = []
    for sample in range(samples + 1):
        with contextlib.redirect_stdout(io.StringIO()):
            start = time.perf_counter()
            exec(code, {"__name__": "__main__"})
            elapsed = time.perf_counter() - start
        if sample > 0:
            times.append(elapsed)
    return statistics.median(times), min(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sections", nargs="*")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--samples", type=int, default=5)
    parser.add_argument("--convbook", help="a convbook binary to run `bench book` with, side by side")
    args = parser.parse_args()

    stub_torchvision()
    import torch
    from d2l import torch as d2l  # noqa: F401  (imported before timing, as torch is)
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    names = sections(set(args.sections))

    ours = {}
    if args.convbook:
        command = [args.convbook, "bench", "book", "--threads", str(args.threads), "--samples", str(args.samples),
                   "--directory", GOLDEN]
        if args.sections:
            command += ["--sections", ",".join(args.sections)]
        for line in subprocess.run(command, check=True, capture_output=True, text=True).stdout.splitlines():
            report = json.loads(line)
            ours[report["shape"]] = report

    for name in names:
        median, best = time_program(name, args.samples)
        line = {"shape": f"d2l_{name}", "backend": f"cpython {sys.version.split()[0]} torch {torch.__version__}",
                "median_ms": round(median * 1000, 3), "best_ms": round(best * 1000, 3), "threads": args.threads}
        mine = ours.get(f"d2l_{name}")
        if mine:
            line["convbook_median_ms"] = mine["median_ms"]
            line["convbook_matches_out"] = mine["matches_out"]
            line["ratio"] = round(mine["median_ms"] / max(line["median_ms"], 1e-9), 3)
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
