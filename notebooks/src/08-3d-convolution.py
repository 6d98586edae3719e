# %% [markdown] example={"number": 8, "section": "7.4", "sectionTitle": "Multiple Input and Multiple Output Channels", "url": "https://d2l.ai/chapter_convolutional-neural-networks/channels.html"}
# # 8. 3-D convolution
#
# Beyond *Dive into Deep Learning*, section [7.4 Multiple Input and Multiple Output Channels](https://d2l.ai/chapter_convolutional-neural-networks/channels.html): the same channel sums, with one more axis.
#
# Everything so far was a **2-D** convolution (`nn.Conv2d`): the kernel slides along height and width,
# and channels are summed over. Some inputs have one more axis to slide along: the frames of a video,
# or the depth of a medical scan. A **3-D** convolution slides its kernel along depth, height and width.
#
# Shapes: the input is (batch, $c_i$, depth, height, width), the weight
# ($c_o$, $c_i$, $k_d$, $k_h$, $k_w$), and the output depth is $d - k_d + 1$, like height and width.

# %%
import torch
import torch.nn.functional as F

# %% [markdown]
# A tiny "video": one channel, 4 frames of 5×5. A bright square moves one pixel right per frame.

# %%
frames = torch.zeros((4, 5, 5))
for t in range(4):
    frames[t, 1:3, t:t + 2] = 1.0
X = frames.reshape((1, 1, 4, 5, 5))
X.shape

# %%
feature_maps(frames, title="input depth slices (frames 0–3)", cmap="gray")

# %% [markdown]
# A 2×1×2 kernel (depth 2, height 1, width 2) adds a pixel now and its right-hand neighbour in the
# next frame. It reaches 2 only where something bright moved one pixel to the right: it sees motion,
# which no single frame shows.

# %%
W = torch.zeros((1, 1, 2, 1, 2))
W[0, 0, 0, 0, 0] = 1.0
W[0, 0, 1, 0, 1] = 1.0
Y = F.conv3d(X, W)
Y.shape

# %% [markdown]
# The output has $4 - 2 + 1 = 3$ depth slices of $(5 - 1 + 1) \times (5 - 2 + 1) = 5 \times 4$.

# %%
feature_maps(Y[0, 0], title="output depth slices: 2 where the square moved right")

# %% [markdown]
# With several channels, a 3-D kernel is summed over input channels just as in 2-D: here 3 input
# channels (say RGB frames), 2 output channels and a 3×3×3 kernel with padding 1 keep the shape.

# %%
video = torch.rand((1, 3, 8, 16, 16))
weight = torch.normal(0, 0.1, (2, 3, 3, 3, 3))
F.conv3d(video, weight, padding=1).shape
