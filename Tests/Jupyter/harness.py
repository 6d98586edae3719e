"""Shared set-up for the Jupyter client tests: the built `convbook` binary's kernelspec, installed into a
temporary Jupyter data folder that only these tests see (JUPYTER_PATH / JUPYTER_DATA_DIR point there).

CONVBOOK_BIN names the binary (the Makefile passes `swift build --show-bin-path`/convbook).
"""
import atexit
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[2]
CONVBOOK = os.environ.get("CONVBOOK_BIN") or str(REPO / ".build" / "debug" / "convbook")
NOTEBOOKS = REPO / "notebooks"
KERNEL_NAME = "convbook"
TIMEOUT = 60

_root = pathlib.Path(tempfile.mkdtemp(prefix="convbook-jupyter-"))
atexit.register(shutil.rmtree, _root, ignore_errors=True)
JUPYTER_DIR = _root / "share" / "jupyter"


def _install():
    subprocess.run([CONVBOOK, "jupyter", "install", "--prefix", str(_root)], check=True, capture_output=True)
    # Only our kernelspec and a clean runtime folder: nothing from the machine's own Jupyter set-up.
    os.environ["JUPYTER_PATH"] = str(JUPYTER_DIR)
    os.environ["JUPYTER_DATA_DIR"] = str(JUPYTER_DIR)
    os.environ["JUPYTER_RUNTIME_DIR"] = str(_root / "runtime")
    os.environ["JUPYTER_CONFIG_DIR"] = str(_root / "config")
    os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")


_install()


def bin_dir():
    """The venv's bin folder (jupyter, papermill)."""
    return pathlib.Path(sys.executable).parent


def run_convbook(*arguments, **kwargs):
    return subprocess.run([CONVBOOK, *arguments], capture_output=True, text=True, timeout=600, **kwargs)


def example_notebooks():
    """The examples that run as they are in a debug build. An example that trains on the full data set
    (its first cell's `example.quickParameters`, e.g. 13-what-the-channels-learn) takes minutes even in a
    release build; ExampleNotebookTests runs it with those quick parameters instead."""
    import json
    quick = []
    for path in NOTEBOOKS.glob("*.ipynb"):
        first = json.loads(path.read_text())["cells"][0]
        if "quickParameters" in first.get("metadata", {}).get("example", {}):
            quick.append(path)
    return sorted(path for path in NOTEBOOKS.glob("*.ipynb") if path not in quick)


def comparable_outputs(cell):
    """A code cell's outputs with what legitimately differs between runners removed: stream text is
    joined (runners split streams differently), metadata kept, execution counts left out."""
    outputs = []
    for output in cell.get("outputs", []):
        kind = output["output_type"]
        if kind == "stream":
            text = "".join(output["text"]) if isinstance(output["text"], list) else output["text"]
            if outputs and outputs[-1][0] == "stream" and outputs[-1][1] == output["name"]:
                outputs[-1] = ("stream", output["name"], outputs[-1][2] + text)
            else:
                outputs.append(("stream", output["name"], text))
        elif kind in ("display_data", "execute_result"):
            data = {key: "".join(value) if isinstance(value, list) else value for key, value in output["data"].items()}
            outputs.append((kind, tuple(sorted(data.items()))))
        elif kind == "error":
            outputs.append(("error", output["ename"], output["evalue"], tuple(output["traceback"])))
    return outputs
