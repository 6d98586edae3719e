# %% [markdown] example={"number": 4, "section": "7.3", "sectionTitle": "Padding and Stride", "url": "https://d2l.ai/chapter_convolutional-neural-networks/padding-and-strides.html"}
# # 4. Padding and stride
#
# *Dive into Deep Learning*, section [7.3 Padding and Stride](https://d2l.ai/chapter_convolutional-neural-networks/padding-and-strides.html).
#
# Each convolution shrinks its input: an $n_h \times n_w$ input and a $k_h \times k_w$ kernel give
# $(n_h - k_h + 1) \times (n_w - k_w + 1)$. **Padding** adds $p_h$ rows and $p_w$ columns of zeros
# (split over both sides) so that the border pixels are used as much as the centre ones; with
# $p_h = k_h - 1$ and $p_w = k_w - 1$ the output keeps the input's shape.
#
# **Stride** moves the window by more than one element at a time, $s_h$ rows and $s_w$ columns,
# and divides the output size by about the stride:
# $\lfloor (n_h - k_h + p_h + s_h) / s_h \rfloor \times \lfloor (n_w - k_w + p_w + s_w) / s_w \rfloor$.

# %%
import torch
from torch import nn
import torch.nn.functional as F

# %% [markdown]
# A helper from the book: add the batch and channel axes, apply the layer, drop them again.

# %%
def comp_conv2d(conv2d, X):
    # (1, 1) indicates that batch size and the number of channels are both 1
    X = X.reshape((1, 1) + X.shape)
    Y = conv2d(X)
    # Strip the first two dimensions: examples and channels
    return Y.reshape(Y.shape[2:])

# %% [markdown]
# A 3×3 kernel with 1 row and column of padding on each side: 8×8 stays 8×8.

# %%
X = torch.rand(size=(8, 8))
conv2d = nn.Conv2d(1, 1, kernel_size=3, padding=1)
comp_conv2d(conv2d, X).shape

# %% [markdown]
# A 5×3 kernel needs 2 rows and 1 column on each side.

# %%
conv2d = nn.Conv2d(1, 1, kernel_size=(5, 3), padding=(2, 1))
comp_conv2d(conv2d, X).shape

# %% [markdown]
# Stride 2 halves height and width.

# %%
conv2d = nn.Conv2d(1, 1, kernel_size=3, padding=1, stride=2)
comp_conv2d(conv2d, X).shape

# %% [markdown]
# Different kernel, padding and stride per axis: $\lfloor (8 - 3 + 0 + 3)/3 \rfloor = 2$ and
# $\lfloor (8 - 5 + 2 + 4)/4 \rfloor = 2$.

# %%
conv2d = nn.Conv2d(1, 1, kernel_size=(3, 5), padding=(0, 1), stride=(3, 4))
comp_conv2d(conv2d, X).shape

# %% [markdown]
# What padding looks like: the book's 3×3 input with one ring of zeros, and the cross-correlation
# with the 2×2 kernel, now 4×4 instead of 2×2.

# %%
X = torch.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]])
K = torch.tensor([[0.0, 1.0], [2.0, 3.0]])
padded = F.pad(X, (1, 1, 1, 1))
explain_conv(padded, K, title="padding 1: the input grows to 5×5, the output to 4×4")

# %% [markdown]
# Stride 2 keeps every other window of that output:

# %%
F.conv2d(X.reshape((1, 1, 3, 3)), K.reshape((1, 1, 2, 2)), padding=1, stride=2)
