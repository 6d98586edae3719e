# %% [markdown] example={"number": 3, "section": "7.2", "sectionTitle": "Convolutions for Images", "url": "https://d2l.ai/chapter_convolutional-neural-networks/conv-layer.html"}
# # 3. Learning a kernel
#
# *Dive into Deep Learning*, section [7.2 Convolutions for Images](https://d2l.ai/chapter_convolutional-neural-networks/conv-layer.html).
#
# In notebook 2 we wrote the edge kernel `K = [[1, -1]]` by hand. Can a network **learn** it from
# examples? We give it the image `X` and the edges `Y = corr2d(X, K)` only, start from a random kernel,
# and let gradient descent make the output match `Y` (*Dive into Deep Learning*, 7.2.4).

# %%
import torch
from torch import nn
from d2l import torch as d2l

# %%
X = torch.ones((6, 8))
X[:, 2:6] = 0
K = torch.tensor([[1.0, -1.0]])
Y = d2l.corr2d(X, K)
show(Y, title="the target Y = corr2d(X, [1, −1])", cmap="diverging")

# %% [markdown]
# ## The book's convolutional layer, as a class
#
# A convolutional layer is a cross-correlation plus a bias, with the kernel and the bias as its
# **parameters**. `nn.Parameter` marks a tensor as one; assigning it to `self` registers it with the
# module, so `named_parameters()` finds it.

# %%
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

# %%
conv = Conv2D(kernel_size=(1, 2))
print(conv)
for name, p in conv.named_parameters():
    print(name, p.shape, p.requires_grad)

# %% [markdown]
# ## The book's training loop
#
# The book trains the built-in `nn.LazyConv2d` without a bias: compute the output, the squared error,
# its gradient with `backward()`, and step the kernel against the gradient. Layers take 4-D input
# (example, channel, height, width), so `X` and `Y` get two leading axes of size 1. The book runs 10
# epochs; we run 16, enough to come within 0.05 of `[1, -1]` from this session's random start.

# %%
conv2d = nn.LazyConv2d(1, kernel_size=(1, 2), bias=False)
X = X.reshape((1, 1, 6, 8))
Y = Y.reshape((1, 1, 6, 7))
lr = 3e-2  # Learning rate
losses = []

for i in range(16):
    Y_hat = conv2d(X)
    l = (Y_hat - Y) ** 2
    conv2d.zero_grad()
    l.sum().backward()
    # Update the kernel
    conv2d.weight.data[:] -= lr * conv2d.weight.grad
    losses.append(l.sum().item())
    if (i + 1) % 2 == 0:
        print(f'epoch {i + 1}, loss {l.sum():.3f}')

# %%
plot(losses, title="squared error of the output, per epoch", xlabel="epoch", ylabel="loss", logy=True)

# %% [markdown]
# The learned kernel, beside the true one:

# %%
learned = conv2d.weight.data.reshape((1, 2))
learned

# %%
kernels(torch.stack((K, learned)).unsqueeze(1), title="true K (top) and learned kernel (bottom)",
        cmap="diverging", annotate=True)

# %%
error = (learned - K).abs().max().item()
assert error < 0.05
print(f"largest difference from [1, -1]: {error:.4f}")

# %% [markdown]
# ## The class, trained with an optimiser
#
# The same works for our `Conv2D` class, bias included: `conv.parameters()` hands both parameters to
# `torch.optim.SGD`, which does the update step. With the bias the error surface is steeper, so the
# learning rate is smaller (at `3e-2` this loop diverges, in PyTorch too).

# %%
conv = Conv2D(kernel_size=(1, 2))
optimizer = torch.optim.SGD(conv.parameters(), lr=1.5e-2)
X2, Y2 = X.reshape((6, 8)), Y.reshape((6, 7))
for epoch in range(30):
    optimizer.zero_grad()
    l = ((conv(X2) - Y2) ** 2).sum()
    l.backward()
    optimizer.step()
    if (epoch + 1) % 10 == 0:
        print(f'epoch {epoch + 1}, loss {l.item():.4f}')
print(conv.weight.data, conv.bias.data)
