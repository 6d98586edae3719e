# %% [markdown] example={"number": 2, "section": "7.2", "sectionTitle": "Convolutions for Images", "url": "https://d2l.ai/chapter_convolutional-neural-networks/conv-layer.html"}
# # 2. Edge detection
#
# *Dive into Deep Learning*, section [7.2 Convolutions for Images](https://d2l.ai/chapter_convolutional-neural-networks/conv-layer.html).
#
# A simple use of a kernel: finding where the colour of an image changes. The image is 6×8 pixels,
# white (1) at the sides and black (0) in the middle four columns.

# %%
import torch
from d2l import torch as d2l

# %% [markdown]
# The size of the image is a parameter: run `convbook run … -p height=4 -p width=10` to change it.

# %% tags=["parameters"]
height = 6
width = 8

# %%
X = torch.ones((height, width))
X[:, 2:6] = 0
X

# %%
show(X, title="X: white (1) at the sides, black (0) in the middle", cmap="gray")

# %% [markdown]
# The kernel `K = [[1, -1]]` is 1 pixel high and 2 wide. Over two equal pixels it gives 0; where white
# turns to black it gives 1, where black turns to white −1.

# %%
K = torch.tensor([[1.0, -1.0]])
Y = d2l.corr2d(X, K)
Y

# %% [markdown]
# With a diverging colour map, 0 is white and the sign of an edge is its colour.

# %%
show(Y, title="Y = corr2d(X, K): 1 at white→black, −1 at black→white", cmap="diverging")

# %% [markdown]
# This kernel only sees **vertical** edges. Transpose the image and the edges become horizontal: the
# output is all zeros.

# %%
d2l.corr2d(X.t(), K)

# %% [markdown]
# Transposing the kernel as well finds them again.

# %%
show(d2l.corr2d(X.t(), K.t()), title="corr2d(X.t(), K.t()): horizontal edges", cmap="diverging")
