"""Peak memory of a training session: one epoch of the book's LeNet on the real Fashion-MNIST (d2l's
recipe: batch 128, SGD lr 0.1, Xavier init, then validation on the 10,000 test images), run by
`convbook run` on a d2l notebook and by real PyTorch on the same recipe in plain PyTorch (this venv's
torchvision does not load, and d2l imports it), each in its own process under /usr/bin/time.

    /work/main/.venv-torch/bin/python Benchmarks/peak_memory_train.py --convbook .build/release/convbook

Prints each side's peak resident set size (max RSS) and wall time, and the ratio.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

CONVBOOK_SCRIPT = """# %%
import torch
from d2l import torch as d2l
torch.manual_seed(0)
data = d2l.FashionMNIST(batch_size=128)
model = d2l.LeNet(lr=0.1)
model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.init_cnn)
trainer = d2l.Trainer(max_epochs=1, num_gpus=1)
trainer.fit(model, data)
"""

PYTORCH_SCRIPT = """
import sys
sys.path.insert(0, {training!r})
import torch
import pytorch_reference as ref
torch.set_num_threads(2)
train_set, val_set = ref.split("train"), ref.split("t10k")
print(ref.train(False, 0, train_set, val_set, epochs=1))
"""


def measure(command):
    result = subprocess.run(["/usr/bin/time", "-f", "%M %e"] + command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stderr}")
    kilobytes, seconds = re.findall(r"^(\d+) ([\d.]+)$", result.stderr, re.M)[-1]
    return int(kilobytes) / 1024, float(seconds)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--convbook", default=os.path.join(ROOT, ".build/release/convbook"))
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        notebook = os.path.join(work, "lenet_one_epoch.py")
        with open(notebook, "w") as file:
            file.write(CONVBOOK_SCRIPT)
        convbook = measure([arguments.convbook, "run", notebook, "--quiet"])
        peer = measure([sys.executable, "-c", PYTORCH_SCRIPT.format(training=os.path.join(ROOT, "Tests/Training"))])
    print(f"one epoch of LeNet + validation: Convbook {convbook[0]:.0f} MB peak RSS ({convbook[1]:.1f} s), "
          f"PyTorch {peer[0]:.0f} MB ({peer[1]:.1f} s); Convbook/PyTorch = {convbook[0] / peer[0]:.2f}")


if __name__ == "__main__":
    main()
