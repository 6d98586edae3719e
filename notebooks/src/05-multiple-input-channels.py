# %% [markdown] example={"number": 5, "section": "7.4", "sectionTitle": "Multiple Input and Multiple Output Channels", "url": "https://d2l.ai/chapter_convolutional-neural-networks/channels.html"}
# # 5. Multiple input channels
#
# *Dive into Deep Learning*, section [7.4 Multiple Input and Multiple Output Channels](https://d2l.ai/chapter_convolutional-neural-networks/channels.html).
#
# A colour image has three channels (red, green, blue), so its shape is $3 \times h \times w$, not a
# single matrix. The kernel then needs **one 2-D kernel per input channel**: together they form a
# 3-D kernel of shape $c_i \times k_h \times k_w$.
#
# Each input channel is cross-correlated with its own 2-D kernel, and the $c_i$ results are **added
# up** element-wise. The result is a single 2-D output channel.

# %%
import torch
import torch.nn.functional as F
from d2l import torch as d2l

# %%
def corr2d_multi_in(X, K):
    # Iterate through the 0th dimension (channel) of K first, then add them up
    return sum(d2l.corr2d(x, k) for x, k in zip(X, K))

# %% [markdown]
# The book's example: two input channels of 3×3, and a kernel with two 2×2 channels.

# %%
X = torch.tensor([[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]],
                  [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]])
K = torch.tensor([[[0.0, 1.0], [2.0, 3.0]], [[1.0, 2.0], [3.0, 4.0]]])
X.shape, K.shape

# %%
corr2d_multi_in(X, K)

# %% [markdown]
# Channel by channel: channel 0 gives the 19 we met before, channel 1 gives 37
# ($1\times1+2\times2+4\times3+5\times4$), and $19 + 37 = 56$.

# %%
explain_conv(X, K)

# %% [markdown]
# The two partial results, and their sum:

# %%
partial = torch.stack([d2l.corr2d(x, k) for x, k in zip(X, K)], 0)
print(partial)
feature_maps(partial, title="corr2d of each input channel with its own 2-D kernel")

# %% [markdown]
# PyTorch's `F.conv2d` does the same sum over channels: the input is (batch, $c_i$, h, w) and the
# weight ($c_o$, $c_i$, $k_h$, $k_w$), here with one output channel.

# %%
F.conv2d(X.unsqueeze(0), K.unsqueeze(0))
