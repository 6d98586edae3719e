"""Runs lenet_fashion_mnist.py with `convbook run` and checks its validation accuracies against PyTorch's
(pytorch_reference.json): after 10 epochs each recipe must reach at least PyTorch's accuracy (seed 0)
minus 0.03 (different random draws, same recipe and data).

    CONVBOOK_BIN=.build/release/convbook python3 Tests/Training/check_accuracy.py
"""

import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOLERANCE = 0.03


def main():
    binary = os.environ.get("CONVBOOK_BIN", ".build/release/convbook")
    reference = json.load(open(os.path.join(HERE, "pytorch_reference.json")))
    result = subprocess.run([binary, "run", os.path.join(HERE, "lenet_fashion_mnist.py"), "--timeout", "7200", "--time-limit", "7200"],
                            capture_output=True, text=True)
    print(result.stdout)
    if result.returncode != 0:
        print(result.stderr, file=sys.stderr)
        return 1
    ours = {}
    for name, epoch, acc in re.findall(r"^(\w+) epoch (\d+) val_acc ([0-9.]+)", result.stdout, re.M):
        ours.setdefault(name, []).append(float(acc))
    failed = False
    for name, runs in reference["runs"].items():
        theirs = [run["val_accuracy_per_epoch"][-1] for run in runs]
        got = ours.get(name, [0.0])[-1]
        ok = got >= min(theirs) - TOLERANCE
        failed = failed or not ok
        print(f"{name}: Convbook {got:.4f}, PyTorch {', '.join(f'{t:.4f}' for t in theirs)} -> {'ok' if ok else 'TOO LOW'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
