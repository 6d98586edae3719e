"""Writes the .ipynb fixtures for NotebookTests with the real nbformat writer (Jupyter's own code).

Run from the package root:  .venv-test/bin/python Tests/NotebookTests/Fixtures/make_fixtures.py
It writes jupyter_written.ipynb (nbformat 4.5, every output kind), jupyter_v44_no_ids.ipynb
(nbformat 4.4, cells without ids) and expected.json: facts about them computed here, in Python,
that the Swift importer must reproduce (sources, tags, outputs, the PNG's SHA-256).
"""

import base64
import hashlib
import json
import os
import struct
import zlib

import nbformat
from nbformat.v4 import (new_code_cell, new_markdown_cell, new_notebook, new_output,
                         new_raw_cell)

HERE = os.path.dirname(os.path.abspath(__file__))


def png(width, height, pixel):
    """A tiny RGB PNG filled with one colour, made with zlib so no imaging library is needed."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + bytes(pixel) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


PNG = png(3, 2, (200, 30, 60))

cells = [
    new_markdown_cell("# Cross-correlation\n\nThe kernel *slides* over the input: `Y[i, j]`.\n\n- one\n- two",
                      id="intro"),
    new_code_cell("size = 3", id="params", metadata={"tags": ["parameters"]}),
    new_code_cell("print('héllo, wörld ✓')\nimport sys\nprint('warn', file=sys.stderr)", id="streams",
                  execution_count=1,
                  metadata={"execution": {"iopub.execute_input": "2026-11-26T10:00:00.125Z",
                                          "iopub.status.busy": "2026-11-26T10:00:00.120Z",
                                          "iopub.status.idle": "2026-11-26T10:00:00.400Z",
                                          "shell.execute_reply": "2026-11-26T10:00:00.375Z"},
                            "collapsed": False},
                  outputs=[new_output("stream", name="stdout", text="héllo, wörld ✓\n"),
                           new_output("stream", name="stderr", text="warn\n")]),
    new_code_cell("X = torch.ones((2, 2))\nX", id="result", execution_count=2,
                  outputs=[new_output("execute_result", execution_count=2,
                                      data={"text/plain": "tensor([[1., 1.],\n        [1., 1.]])",
                                            "text/html": "<b>not</b> shown"})]),
    new_code_cell("d2l.show_heatmaps(K)", id="picture", execution_count=3,
                  metadata={"tags": ["figure", "kernel"]},
                  outputs=[new_output("display_data",
                                      data={"image/png": base64.b64encode(PNG).decode("ascii"),
                                            "text/plain": "<Figure size 3x2>"},
                                      metadata={"image/png": {"width": 3}})]),
    new_code_cell("1 / 0", id="boom", execution_count=4,
                  outputs=[new_output("error", ename="ZeroDivisionError", evalue="division by zero",
                                      traceback=["\x1b[0;31mZeroDivisionError\x1b[0m  Traceback",
                                                 "----> 1 1 / 0",
                                                 "ZeroDivisionError: division by zero"])]),
    new_raw_cell("raw text stays raw", id="raw-1"),
    new_markdown_cell("", id="empty_md"),
    new_code_cell("", id="empty-code"),
]
nb = new_notebook(cells=cells, metadata={
    "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
    "language_info": {"name": "python", "version": "3.11.7"},
    "authors": [{"name": "Ada"}],
})
nbformat.validate(nb)
nbformat.write(nb, os.path.join(HERE, "jupyter_written.ipynb"))

old = new_notebook(cells=[new_markdown_cell("Old *notebook*"), new_code_cell("x = 1"), new_code_cell("x")])
old.nbformat_minor = 4
for cell in old.cells:
    del cell["id"]
nbformat.validate(old)
with open(os.path.join(HERE, "jupyter_v44_no_ids.ipynb"), "w", encoding="utf-8") as f:
    f.write(json.dumps(old, sort_keys=True, indent=1, ensure_ascii=False) + "\n")

expected = {
    "cells": [{"id": c.id, "cell_type": c.cell_type, "source": c.source,
               "tags": c.metadata.get("tags", [])} for c in cells],
    "png_sha256": hashlib.sha256(PNG).hexdigest(),
    "png_size": [3, 2],
    "stdout": "héllo, wörld ✓\n",
    "result_text": "tensor([[1., 1.],\n        [1., 1.]])",
    "traceback": cells[5].outputs[0].traceback,
}
with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
    f.write(json.dumps(expected, sort_keys=True, indent=1, ensure_ascii=False) + "\n")
