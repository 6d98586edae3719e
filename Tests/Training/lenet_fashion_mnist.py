# %% [markdown]
# The book's LeNet (d2l section 7.6) trained by Convbook on the real Fashion-MNIST, with the recipe of
# `pytorch_reference.py`: batch 128, SGD lr 0.1, Xavier init, 10 epochs. `check_accuracy.py` runs this
# with `convbook run` and compares the validation accuracies with PyTorch's.

# %%
import time
import torch
from torch import nn
from d2l import torch as d2l


class ReLULeNet(d2l.Classifier):
    """The ReLU / max-pooling variant of d2l's LeNet."""
    def __init__(self, lr=0.1, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(
            nn.LazyConv2d(6, kernel_size=5, padding=2), nn.ReLU(), nn.MaxPool2d(kernel_size=2, stride=2),
            nn.LazyConv2d(16, kernel_size=5), nn.ReLU(), nn.MaxPool2d(kernel_size=2, stride=2),
            nn.Flatten(), nn.LazyLinear(120), nn.ReLU(), nn.LazyLinear(84), nn.ReLU(), nn.LazyLinear(num_classes))


def accuracy(model, loader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for X, y in loader:
            correct += int((model(X).argmax(dim=1) == y).sum())
            total += y.numel()
    return correct / total


def train(name, model, seed=0, epochs=10):
    torch.manual_seed(seed)
    data = d2l.FashionMNIST(batch_size=128)
    model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.init_cnn)
    trainer = d2l.Trainer(max_epochs=1, num_gpus=1)
    for epoch in range(epochs):
        start = time.time()
        trainer.fit(model, data)
        seconds = time.time() - start
        print(name, 'epoch', epoch + 1, 'val_acc', round(accuracy(model, data.val_dataloader()), 4),
              'train_s', round(seconds, 1))

# %%
train('book', d2l.LeNet(lr=0.1))

# %%
train('relu', ReLULeNet(lr=0.1))
