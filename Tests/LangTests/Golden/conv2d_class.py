# The book's own convolutional layer (d2l 7.2.3), its edge-detection input, and a kernel set by hand.
import torch
from torch import nn


def corr2d(X, K):
    """Compute 2D cross-correlation."""
    h, w = K.shape
    Y = torch.zeros((X.shape[0] - h + 1, X.shape[1] - w + 1))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i:i + h, j:j + w] * K).sum()
    return Y


class Conv2D(nn.Module):
    def __init__(self, kernel_size):
        super().__init__()
        self.weight = nn.Parameter(torch.rand(kernel_size))
        self.bias = nn.Parameter(torch.zeros(1))

    def forward(self, x):
        return corr2d(x, self.weight) + self.bias


X = torch.ones((6, 8))
X[:, 2:6] = 0
conv = Conv2D(kernel_size=(1, 2))
conv
print([(name, tuple(p.shape)) for name, p in conv.named_parameters()])
print(conv.weight.shape, conv.bias.tolist(), conv.weight.requires_grad)
conv.weight = nn.Parameter(torch.tensor([[1.0, -1.0]]))
conv.bias = nn.Parameter(torch.tensor([0.5]))
Y = conv(X)
print(Y.shape)
print(Y.detach())
print(conv.forward(X.t()).detach())
