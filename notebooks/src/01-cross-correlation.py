# %% [markdown] example={"number": 1, "section": "7.2", "sectionTitle": "Convolutions for Images", "url": "https://d2l.ai/chapter_convolutional-neural-networks/conv-layer.html"}
# # 1. Cross-correlation
#
# *Dive into Deep Learning*, section [7.2 Convolutions for Images](https://d2l.ai/chapter_convolutional-neural-networks/conv-layer.html).
#
# A convolutional layer does not really compute a convolution but a **cross-correlation**. A small
# array of weights, the **kernel**, slides over the input. At each position we multiply the kernel
# element-wise with the window of the input under it and add the products up: that sum is one
# element of the output.
#
# An input of shape $n_h \times n_w$ and a kernel of shape $k_h \times k_w$ give an output of shape
# $(n_h - k_h + 1) \times (n_w - k_w + 1)$: the kernel only fits that many times.

# %%
import torch
from torch import nn
import torch.nn.functional as F
from d2l import torch as d2l

# %% [markdown]
# Written by hand, as in the book: `Y[i, j]` is the sum of the window of `X` starting at `(i, j)`
# multiplied by `K`.

# %%
def corr2d(X, K):
    """Compute 2D cross-correlation."""
    h, w = K.shape
    Y = torch.zeros((X.shape[0] - h + 1, X.shape[1] - w + 1))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i:i + h, j:j + w] * K).sum()
    return Y

# %% [markdown]
# The book's example: a 3×3 input and a 2×2 kernel give a 2×2 output.

# %%
X = torch.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]])
K = torch.tensor([[0.0, 1.0], [2.0, 3.0]])
corr2d(X, K)

# %% [markdown]
# The first output element is the shaded window of the input times the kernel:
# $0\times0 + 1\times1 + 3\times2 + 4\times3 = 19$.

# %%
explain_conv(X, K)

# %% [markdown]
# The other three elements come from sliding the window one step right, one step down, or both:
#
# $$1\times0+2\times1+4\times2+5\times3=25,\quad 3\times0+4\times1+6\times2+7\times3=37,\quad 4\times0+5\times1+7\times2+8\times3=43.$$
#
# The d2l package keeps this function as `d2l.corr2d`, and PyTorch's `F.conv2d` computes the same thing
# on 4-D tensors (batch, channels, height, width):

# %%
print(d2l.corr2d(X, K))
F.conv2d(X.reshape((1, 1, 3, 3)), K.reshape((1, 1, 2, 2)))

# %% [markdown]
# A convolutional layer is this cross-correlation plus a scalar bias. `nn.Conv2d` holds the kernel as
# its `weight` (shape: output channels × input channels × $k_h$ × $k_w$) and one bias per output channel.

# %%
conv2d = nn.Conv2d(1, 1, kernel_size=(2, 2))
print(conv2d.weight.shape, conv2d.bias.shape)
conv2d(X.reshape((1, 1, 3, 3))).shape
