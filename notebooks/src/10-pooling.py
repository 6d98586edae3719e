# %% [markdown] example={"number": 10, "section": "7.5", "sectionTitle": "Pooling", "url": "https://d2l.ai/chapter_convolutional-neural-networks/pooling.html"}
# # 10. Pooling
#
# *Dive into Deep Learning*, section [7.5 Pooling](https://d2l.ai/chapter_convolutional-neural-networks/pooling.html).
#
# A pooling layer slides a window like a convolution, but has no kernel: it takes the **maximum**
# (max pooling) or the **mean** (average pooling) of each window. It makes the output less sensitive
# to the exact position of a feature, and with a stride it shrinks the feature maps.

# %%
import torch
from torch import nn
import torch.nn.functional as F

# %% [markdown]
# By hand, as in the book:

# %%
def pool2d(X, pool_size, mode='max'):
    p_h, p_w = pool_size
    Y = torch.zeros((X.shape[0] - p_h + 1, X.shape[1] - p_w + 1))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            if mode == 'max':
                Y[i, j] = X[i: i + p_h, j: j + p_w].max()
            elif mode == 'avg':
                Y[i, j] = X[i: i + p_h, j: j + p_w].mean()
    return Y

# %%
X = torch.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]])
pool2d(X, (2, 2))

# %%
pool2d(X, (2, 2), 'avg')

# %%
show(X, title="X")
show(pool2d(X, (2, 2)), title="2×2 max pooling")

# %% [markdown]
# **Padding and stride.** PyTorch's pooling layers take a window size, padding and stride; by default
# the stride equals the window, so windows do not overlap.

# %%
X = torch.arange(16, dtype=torch.float32).reshape((1, 1, 4, 4))
X

# %%
pool2d = nn.MaxPool2d(3)
# Pooling has no model parameters, hence it needs no initialization
pool2d(X)

# %%
pool2d = nn.MaxPool2d(3, padding=1, stride=2)
pool2d(X)

# %%
pool2d = nn.MaxPool2d((2, 3), stride=(2, 3), padding=(0, 1))
pool2d(X)

# %% [markdown]
# The functional forms do the same:

# %%
print(F.max_pool2d(X, 2))
F.avg_pool2d(X, 2)

# %% [markdown]
# **Multiple channels.** Pooling works on each channel on its own: the output has as many channels as
# the input (no summing over channels, unlike a convolution).

# %%
X = torch.cat((X, X + 1), 1)
X.shape

# %%
pool2d = nn.MaxPool2d(3, padding=1, stride=2)
Y = pool2d(X)
Y

# %%
feature_maps(X[0], title="input: 2 channels")
feature_maps(Y[0], title="3×3 max pooling, padding 1, stride 2: still 2 channels")
