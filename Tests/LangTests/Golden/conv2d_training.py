# The book's Conv2D class learns the edge kernel [1, -1] (d2l 7.2.4), from a fixed start so that
# PyTorch's run is the reference: the book's loop by hand, then the same with torch.optim.SGD.
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
K = torch.tensor([[1.0, -1.0]])
Y = corr2d(X, K)

conv = Conv2D(kernel_size=(1, 2))
conv.weight.data[:] = torch.tensor([[0.25, 0.75]])
lr = 1.5e-2
for i in range(20):
    Y_hat = conv(X)
    l = (Y_hat - Y) ** 2
    conv.zero_grad()
    l.sum().backward()
    for p in conv.parameters():
        p.data[:] -= lr * p.grad
    if (i + 1) % 2 == 0:
        print(f'epoch {i + 1}, loss {l.sum():.3f}')
print(conv.weight.grad is None, [round(g, 3) for g in conv.bias.grad.tolist()])
conv.zero_grad()
print(conv.weight.grad, conv.bias.grad)
print([round(v, 3) for v in conv.weight.data.reshape(-1).tolist()], round(conv.bias.item(), 3))
assert (conv.weight.data - K).abs().max() < 0.05

conv = Conv2D(kernel_size=(1, 2))
with torch.no_grad():
    conv.weight[:] = torch.tensor([[0.25, 0.75]])
optimizer = torch.optim.SGD(conv.parameters(), lr=1.5e-2)
loss = nn.MSELoss(reduction='sum')
for epoch in range(20):
    optimizer.zero_grad()
    l = loss(conv(X), Y)
    l.backward()
    optimizer.step()
print(f'loss {l.item():.4f}', [round(v, 3) for v in conv.weight.data.reshape(-1).tolist()])
