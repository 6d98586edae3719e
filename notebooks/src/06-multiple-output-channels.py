# %% [markdown] example={"number": 6, "section": "7.4", "sectionTitle": "Multiple Input and Multiple Output Channels", "url": "https://d2l.ai/chapter_convolutional-neural-networks/channels.html"}
# # 6. Multiple output channels
#
# *Dive into Deep Learning*, section [7.4 Multiple Input and Multiple Output Channels](https://d2l.ai/chapter_convolutional-neural-networks/channels.html).
#
# One 3-D kernel gives one output channel. To get $c_o$ output channels we use $c_o$ 3-D kernels,
# one per output channel: the whole kernel is a **4-D tensor** of shape $c_o \times c_i \times k_h \times k_w$.
# Output channel $i$ is the multi-input cross-correlation of the input with the 3-D kernel `K[i]`.
#
# Each output channel can learn to respond to a different pattern (an edge, a texture, a colour);
# the next layer combines them.

# %%
import torch
from torch import nn
from d2l import torch as d2l

def corr2d_multi_in(X, K):
    return sum(d2l.corr2d(x, k) for x, k in zip(X, K))

# %%
def corr2d_multi_in_out(X, K):
    # Iterate through the 0th dimension of K, and each time, perform
    # cross-correlation operations with input X. All of the results are
    # stacked together
    return torch.stack([corr2d_multi_in(X, k) for k in K], 0)

# %% [markdown]
# Three output channels: stack the 3-D kernel `K` of the previous notebook with `K + 1` and `K + 2`.

# %%
X = torch.tensor([[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]],
                  [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]])
K = torch.tensor([[[0.0, 1.0], [2.0, 3.0]], [[1.0, 2.0], [3.0, 4.0]]])
K = torch.stack((K, K + 1, K + 2), 0)
K.shape

# %% [markdown]
# The 4-D kernel as a grid: row $i$ is the 3-D kernel of output channel $i$, column $j$ the 2-D kernel it
# applies to input channel $j$.

# %%
kernels(K, title="K: c_o × c_i = 3 × 2 kernels of 2 × 2")

# %%
Y = corr2d_multi_in_out(X, K)
Y

# %% [markdown]
# The first output channel is the 56, 72, 104, 120 of the previous notebook; the others come from the
# kernels `K + 1` and `K + 2`.

# %%
feature_maps(Y, title="Y: one output channel per 3-D kernel")

# %% [markdown]
# In `nn.Conv2d` the weight has exactly this 4-D shape, and there is **one bias per output channel**.

# %%
conv = nn.Conv2d(2, 3, kernel_size=2)
print(conv.weight.shape, conv.bias.shape)
conv(X.unsqueeze(0)).shape
