# nn.Module subclasses: registration by assignment, dotted names in order, nested reprs,
# train/eval, Sequential holding user modules. (Parameters are set to known values, so that
# PyTorch and this language print the same numbers.)
import torch
from torch import nn


class Scale(nn.Module):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor
        self.gain = nn.Parameter(torch.ones(1) * factor)

    def forward(self, x):
        return x * self.gain

    def extra_repr(self):
        return f"factor={self.factor}"


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, kernel_size=3, padding=1)
        self.relu = nn.ReLU()
        self.head = nn.Sequential(nn.Conv2d(2, 1, kernel_size=1), Scale(2.0), nn.Flatten())
        self.offset = nn.Parameter(torch.zeros(1))
        self.note = "plain attribute"

    def forward(self, x):
        return self.head(self.relu(self.conv(x))) + self.offset


net = Net()
net
print([name for name, _ in net.named_parameters()])
print([tuple(p.shape) for p in net.parameters()])
print([type(m).__name__ for m in net.children()])
print([name for name, _ in net.named_modules()])
print(len(list(net.modules())), len(net.head), type(net.head[1]).__name__, net.head[1].factor)
print([type(layer).__name__ for layer in net.head])
print(net.training, net.head.training, net.head[1].training)
net.eval()
print(net.training, net.conv.training, net.head[1].training)
net.train()
print(net.training, net.head[1].training, net.note)
print(isinstance(net, nn.Module), isinstance(net.conv, nn.Module), isinstance(net.head[1], Scale))
print(net(torch.ones(1, 1, 4, 4)).shape)
print(net.head[1](torch.tensor([1.0, 2.0])).tolist())

net.conv = None
net.offset = None
print([name for name, _ in net.named_parameters()])
net
s = Scale(3)
print(s, [tuple(p.shape) for p in s.parameters()])
