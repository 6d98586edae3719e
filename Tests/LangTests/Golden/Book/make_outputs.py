"""Writes `d2l_<section>.out`: what real PyTorch and the d2l package print for each golden program
`d2l_<section>.py`, shown as `convbook run` shows a notebook (printed text, then the repr of every
top-level expression statement that is not None), via `notebook_reference.run`.

Usage (a Python with torch 2.x and `pip install --no-deps d2l==1.0.3`, matplotlib, pandas, requests):
    python Book/make_outputs.py [--check] [SECTION…]
`--check` compares instead of writing. torchvision is only imported by d2l for its data sets, which these
programs do not use; when it does not import (no build matches this torch), a stub stands in for it.
Made with torch 2.13.0+cpu and d2l 1.0.3.
"""
import os
import sys
import types

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, HERE)

try:
    import torchvision  # noqa: F401
except Exception:
    stub = types.ModuleType("torchvision")
    stub.transforms = types.ModuleType("torchvision.transforms")
    stub.datasets = types.ModuleType("torchvision.datasets")
    sys.modules.update({"torchvision": stub, "torchvision.transforms": stub.transforms,
                        "torchvision.datasets": stub.datasets})

import torch  # noqa: E402

from notebook_reference import run  # noqa: E402


def main():
    check = "--check" in sys.argv
    names = [a for a in sys.argv[1:] if not a.startswith("--")] or sorted(
        n[4:-3] for n in os.listdir(HERE) if n.startswith("d2l_") and n.endswith(".py"))
    failed = False
    for name in names:
        torch.manual_seed(0)
        path = os.path.join(HERE, f"d2l_{name}")
        output = run(path + ".py")
        if check:
            same = open(path + ".out").read() == output
            failed |= not same
            print(f"d2l_{name}.out", "matches" if same else "DIFFERS")
        else:
            with open(path + ".out", "w") as f:
                f.write(output)
            print(f"d2l_{name}.out: {output.count(chr(10))} lines")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
