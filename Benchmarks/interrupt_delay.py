"""How long Ctrl-C takes to stop training: `convbook run` trains the book's LeNet on the real
Fashion-MNIST with d2l's Trainer (batch 128); after a random moment in the training a SIGINT is sent and
the time until the cell's KeyboardInterrupt reaches stderr is measured (the cell's end, before the
notebook is written). Repeated --samples times; prints each delay, the median and the largest, and where
each run said it stopped.

    python3 Benchmarks/interrupt_delay.py --convbook .build/release/convbook
"""
import argparse
import os
import random
import signal
import statistics
import subprocess
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

SCRIPT = """# %%
import torch
from d2l import torch as d2l
torch.manual_seed(0)
data = d2l.FashionMNIST(batch_size=128)
model = d2l.LeNet(lr=0.1)
model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.init_cnn)

# %%
trainer = d2l.Trainer(max_epochs=100)
trainer.fit(model, data)
"""


def sample(convbook, notebook, rng):
    process = subprocess.Popen([convbook, "run", notebook], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True, bufsize=1)
    lines = []
    started = threading.Event()
    ended = {}

    def read():
        for line in process.stderr:
            lines.append(line.rstrip("\n"))
            if line.startswith("[1/2]"):
                started.set()
            if line.startswith("KeyboardInterrupt") and "at" not in ended:
                ended["at"] = time.perf_counter()

    reader = threading.Thread(target=read)
    reader.start()
    started.wait(60)
    time.sleep(1.0 + rng.random() * 2.0)
    sent = time.perf_counter()
    process.send_signal(signal.SIGINT)
    process.wait(60)
    reader.join()
    note = next((line for line in lines if line.startswith("KeyboardInterrupt")), "(no KeyboardInterrupt)")
    return ended.get("at", float("nan")) - sent, note


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--convbook", default=os.path.join(ROOT, ".build/release/convbook"))
    parser.add_argument("--samples", type=int, default=7)
    arguments = parser.parse_args()
    rng = random.Random(0)
    delays = []
    with tempfile.TemporaryDirectory() as work:
        notebook = os.path.join(work, "train.py")
        with open(notebook, "w") as file:
            file.write(SCRIPT)
        for _ in range(arguments.samples):
            delay, note = sample(arguments.convbook, notebook, rng)
            delays.append(delay)
            print(f"{delay * 1000:7.1f} ms  {note}")
    print(f"interrupt to the cell's end: median {statistics.median(delays) * 1000:.1f} ms, "
          f"largest {max(delays) * 1000:.1f} ms over {len(delays)} runs")


if __name__ == "__main__":
    main()
