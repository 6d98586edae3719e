"""Writes jupytext_written.py with the real jupytext, and jupytext_expected.json with its cells.

Needs jupytext, which the test virtualenv does not carry (the tests only read its output). Run by hand:
    python3 -m venv /tmp/jt && /tmp/jt/bin/pip install jupytext
    /tmp/jt/bin/python Tests/NotebookTests/Fixtures/make_jupytext_fixture.py
"""

import json
import os

import jupytext
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_raw_cell

HERE = os.path.dirname(os.path.abspath(__file__))

cells = [
    new_markdown_cell("# Padding and stride\n\nA *kernel* of shape `(3, 3)`.\n\n## Steps"),
    new_code_cell("stride = 2", metadata={"tags": ["parameters"]}),
    new_code_cell("def comp_conv2d(conv2d, X):\n    X = X.reshape((1, 1) + X.shape)\n    return conv2d(X)"),
    new_code_cell("# a comment first\nX = torch.rand(size=(8, 8))\ncomp_conv2d(conv2d, X).shape",
                  metadata={"tags": ["figure", "two words"]}),
    new_markdown_cell("Text with a blank line\n\nin the middle.", metadata={"tags": ["note"]}),
    new_raw_cell("raw text"),
    new_code_cell("class Net:\n    pass"),
    new_code_cell("print('done')"),
]
nb = new_notebook(cells=cells)
with open(os.path.join(HERE, "jupytext_written.py"), "w", encoding="utf-8") as f:
    f.write(jupytext.writes(nb, fmt="py:percent"))
expected = [{"cell_type": c.cell_type, "source": c.source, "tags": c.metadata.get("tags", [])} for c in cells]
with open(os.path.join(HERE, "jupytext_expected.json"), "w", encoding="utf-8") as f:
    f.write(json.dumps(expected, sort_keys=True, indent=1, ensure_ascii=False) + "\n")
