# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
# ---

# %% [markdown]
# # Padding and stride
#
# A *kernel* of shape `(3, 3)`.
#
# ## Steps

# %% tags=["parameters"]
stride = 2


# %%
def comp_conv2d(conv2d, X):
    X = X.reshape((1, 1) + X.shape)
    return conv2d(X)


# %% tags=["figure", "two words"]
# a comment first
X = torch.rand(size=(8, 8))
comp_conv2d(conv2d, X).shape


# %% [markdown] tags=["note"]
# Text with a blank line
#
# in the middle.

# %% [raw]
# raw text

# %%
class Net:
    pass


# %%
print('done')
