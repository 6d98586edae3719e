"""The book's LeNet trained on Fashion-MNIST by real PyTorch: the numbers Convbook's training is checked
against (pytorch_reference.json, read by check_accuracy.py).

Plain PyTorch written as d2l 1.0.3's classes run it (this venv's torchvision does not load, and d2l
imports it): the same files Convbook reads (Debian's dataset-fashion-mnist), ToTensor's x / 255,
d2l.LeNet (sigmoid + average pooling, "book") and its ReLU + max-pooling variant ("relu"), d2l.init_cnn's
Xavier-uniform weights, SGD lr 0.1, batch 128 shuffled, 10 epochs; validation accuracy after each epoch
(model.eval(), no_grad, the whole 10,000-image test split).

    /work/main/.venv-torch/bin/python Tests/Training/pytorch_reference.py > Tests/Training/pytorch_reference.json
"""

import gzip
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

SOURCE = os.environ.get("CONVBOOK_FASHION_MNIST", "/usr/share/datasets/fashion-mnist")


def read(name, offset):
    with gzip.open(os.path.join(SOURCE, name)) as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def split(prefix):
    images = read(f"{prefix}-images-idx3-ubyte.gz", 16).reshape(-1, 1, 28, 28).astype(np.float32) / 255
    labels = read(f"{prefix}-labels-idx1-ubyte.gz", 8).astype(np.int64)
    return torch.utils.data.TensorDataset(torch.from_numpy(images), torch.from_numpy(labels))


def lenet(relu):
    act = nn.ReLU if relu else nn.Sigmoid
    pool = (lambda: nn.MaxPool2d(kernel_size=2, stride=2)) if relu else (lambda: nn.AvgPool2d(kernel_size=2, stride=2))
    return nn.Sequential(
        nn.LazyConv2d(6, kernel_size=5, padding=2), act(), pool(),
        nn.LazyConv2d(16, kernel_size=5), act(), pool(),
        nn.Flatten(), nn.LazyLinear(120), act(), nn.LazyLinear(84), act(), nn.LazyLinear(10))


def init_cnn(module):
    if type(module) == nn.Linear or type(module) == nn.Conv2d:
        nn.init.xavier_uniform_(module.weight)


def accuracy(model, loader):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for X, y in loader:
            correct += (model(X).argmax(dim=1) == y).sum().item()
            total += y.numel()
    return correct / total


def train(relu, seed, train_set, val_set, epochs=10):
    torch.manual_seed(seed)
    loader = torch.utils.data.DataLoader(train_set, 128, shuffle=True)
    val_loader = torch.utils.data.DataLoader(val_set, 128, shuffle=False)
    model = lenet(relu)
    model(next(iter(loader))[0])
    model.apply(init_cnn)
    optim = torch.optim.SGD(model.parameters(), lr=0.1)
    accuracies = []
    start = time.perf_counter()
    for _ in range(epochs):
        model.train()
        for X, y in loader:
            loss = F.cross_entropy(model(X), y)
            optim.zero_grad()
            loss.backward()
            optim.step()
        accuracies.append(round(accuracy(model, val_loader), 4))
    return {"seed": seed, "val_accuracy_per_epoch": accuracies, "seconds": round(time.perf_counter() - start, 1)}


def main():
    torch.set_num_threads(2)
    train_set, val_set = split("train"), split("t10k")
    runs = {name: [train(relu, seed, train_set, val_set) for seed in (0,)] for name, relu in (("book", False), ("relu", True))}
    json.dump({"torch": torch.__version__, "recipe": "d2l LeNet, batch 128, SGD lr 0.1, Xavier init, 10 epochs",
               "runs": runs}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
