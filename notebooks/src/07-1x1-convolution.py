# %% [markdown] example={"number": 7, "section": "7.4", "sectionTitle": "Multiple Input and Multiple Output Channels", "url": "https://d2l.ai/chapter_convolutional-neural-networks/channels.html"}
# # 7. The 1×1 convolution
#
# *Dive into Deep Learning*, section [7.4 Multiple Input and Multiple Output Channels](https://d2l.ai/chapter_convolutional-neural-networks/channels.html).
#
# A $1 \times 1$ kernel looks at one pixel at a time, so it cannot see patterns between neighbouring
# pixels. What it does is **mix channels**: every output pixel is a weighted sum of the $c_i$ input
# values at the same place.
#
# That is a fully connected layer applied to every pixel: reshape the input to $c_i \times (h \cdot w)$
# (or its transpose, $h \cdot w \times c_i$, one row per pixel), and the weight to $c_o \times c_i$.

# %%
import torch
from d2l import torch as d2l

def corr2d_multi_in(X, K):
    return sum(d2l.corr2d(x, k) for x, k in zip(X, K))

def corr2d_multi_in_out(X, K):
    return torch.stack([corr2d_multi_in(X, k) for k in K], 0)

# %%
def corr2d_multi_in_out_1x1(X, K):
    c_i, h, w = X.shape
    c_o = K.shape[0]
    X = X.reshape((c_i, h * w))
    K = K.reshape((c_o, c_i))
    # Matrix multiplication in the fully connected layer
    Y = torch.matmul(K, X)
    return Y.reshape((c_o, h, w))

# %% [markdown]
# Three input channels, two output channels, random values. The matrix product and the convolution
# agree (up to float rounding):

# %%
torch.manual_seed(0)
X = torch.normal(0, 1, (3, 3, 3))
K = torch.normal(0, 1, (2, 3, 1, 1))
Y1 = corr2d_multi_in_out_1x1(X, K)
Y2 = corr2d_multi_in_out(X, K)
assert float(torch.abs(Y1 - Y2).sum()) < 1e-6
float(torch.abs(Y1 - Y2).sum()) < 1e-6

# %% [markdown]
# Written as a fully connected layer on the pixels: each of the $h \cdot w = 9$ rows is one pixel's
# $c_i = 3$ channel values, and the weight is the $c_o \times c_i = 2 \times 3$ matrix.

# %%
pixels = X.reshape((3, 9)).T
weight = K.reshape((2, 3))
print(pixels.shape, weight.shape)
Y3 = (pixels @ weight.T).T.reshape((2, 3, 3))
float(torch.abs(Y3 - Y2).sum()) < 1e-6

# %%
heatmap(weight, title="the 1×1 kernel is a c_o × c_i matrix", cmap="diverging")

# %%
feature_maps(X, title="input: c_i = 3 channels", cmap="diverging")
feature_maps(Y1, title="output: c_o = 2 mixtures of them", cmap="diverging")
