#!/usr/bin/env python3
"""Convbook's module graph, read from the code: every `import` in Sources/ and Fuzz/ against the layers below
and against what Package.swift declares.

Prints the layers bottom-up with each target's imports, then fails (exit 1) when
- a target imports a target in its own or a higher layer (an upward edge),
- a target imports one more than one layer down that is not in SKIPS (an undeclared skipping edge),
- a target imports a package module it does not declare, or declares one it never imports.

Run by `make test` (`make check-layers`); `swift package dump-package` gives the declared dependencies.
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Bottom first. A target may import targets of lower layers only.
LAYERS = [
    ["CBLAS", "CCairo", "CZlib", "CZMQ", "CEditline", "CCPUID", "CPrefetch", "Diagnostics", "TensorsWide"],
    ["Tensors", "Notebook", "LoopbackHTTP"],
    ["Figures", "Datasets"],
    ["Render", "Lang"],
    ["Runner", "Store"],
    ["Kernel"],
    ["Jupyter", "Server", "ConvbookFuzzTargets"],
    ["ConvbookCLI", "convbook-fuzz"],
    ["convbook"],
]

# Edges that skip a layer on purpose, each with its reason.
SKIPS = {
    # Diagnostics is the shared shape of the simple errors: every module with such an error reaches it.
    **{(module, "Diagnostics"): "its errors are KindedErrors" for module in ["Figures", "Render", "Lang", "Kernel"]},
    # It also names Python's exceptions (ExceptionName): what a cell's error output says it raised.
    **{(module, "Diagnostics"): "an error output names its exception" for module in ["Runner", "Jupyter"]},
    ("Figures", "Tensors"): "a heat map or an image is drawn from a tensor's values",
    ("Datasets", "CZlib"): "the data files are gzip'd",
    ("Render", "Tensors"): "load_image decodes a PNG into a tensor",
    ("Render", "CCairo"): "Cairo is the renderer",
    ("Render", "CZlib"): "PNG's deflate",
    ("Lang", "Tensors"): "the language's values are the engine's tensors",
    ("Runner", "Notebook"): "a run fills a notebook document's outputs",
    ("Runner", "Figures"): "pictures in a cell's outputs are figures until rendered",
    ("Store", "Notebook"): "the store keeps notebook documents",
    ("Kernel", "Notebook"): "the kernel protocol carries notebook outputs",
    ("Kernel", "Lang"): "the kernel process hosts a language session",
    ("Kernel", "Render"): "a live figure is rendered in the kernel process",
    ("Kernel", "Figures"): "a live figure is rendered in the kernel process",
    ("Jupyter", "Notebook"): "Jupyter messages carry notebook outputs",
    ("Jupyter", "Lang"): "completion, inspection and is_complete read the language",
    ("Jupyter", "CZMQ"): "the Jupyter protocol's sockets",
    ("Server", "Notebook"): "the API speaks notebook documents",
    ("Server", "Store"): "the server keeps notebooks in the store",
    ("Server", "Lang"): "name analysis of cells for stale marks, without running them",
    ("ConvbookFuzzTargets", "Lang"): "the fuzz targets feed text to the lexer, parser and name analysis",
    ("ConvbookFuzzTargets", "Notebook"): "the fuzz targets feed the notebook readers",
}
CLI = "ConvbookCLI"  # the front door may reach every layer: each command wires its room.

SYSTEM = {"Foundation", "FoundationEssentials", "Glibc", "Musl", "Darwin", "Dispatch", "Synchronization", "_Concurrency"}


def declared():
    text = subprocess.run(["swift", "package", "dump-package"], cwd=ROOT, check=True, capture_output=True, text=True).stdout
    result = {}
    for target in json.loads(text)["targets"]:
        if target["type"] == "test":
            continue
        names = set()
        for dep in target["dependencies"]:
            kind, value = next(iter(dep.items()))
            names.add(value[0])
        path = target.get("path") or os.path.join("Sources", target["name"])
        if path.startswith("Tests"):
            continue  # test support: above everything, outside the product
        result[target["name"]] = (names, os.path.join(ROOT, path), target["type"])
    return result


def imports(path):
    found = set()
    pattern = re.compile(r"^\s*(?:@testable\s+|@_exported\s+|@preconcurrency\s+)?import\s+(?:struct\s+|enum\s+|class\s+|func\s+)?([A-Za-z_][A-Za-z0-9_]*)")
    for folder, _, files in os.walk(path):
        for name in files:
            if name.endswith(".swift"):
                with open(os.path.join(folder, name), encoding="utf-8") as source:
                    # Imports come first: stop at the first line that is not an import, a comment, a blank or
                    # a conditional-compilation line (text further down, e.g. Python in a string, is not Swift).
                    for line in source:
                        match = pattern.match(line)
                        if match:
                            found.add(match.group(1))
                        elif line.strip() and not line.lstrip().startswith(("//", "#if", "#else", "#elseif", "#endif", "/*", "*")):
                            break
    return found


def main():
    layer_of = {name: index for index, layer in enumerate(LAYERS) for name in layer}
    targets = declared()
    problems = []
    for name in targets:
        if name not in layer_of:
            problems.append(f"{name}: in no layer (add it to LAYERS in scripts/module_graph.py)")
    for index, layer in enumerate(LAYERS):
        print(f"layer {index}:")
        for name in layer:
            if name not in targets:
                problems.append(f"{name}: in LAYERS but not a target")
                continue
            deps, path, kind = targets[name]
            used = imports(path) - SYSTEM - {name} if kind != "system-target" else set()
            ours = sorted(used & set(layer_of))
            print(f"  {name:<20} -> {', '.join(ours) or '-'}")
            for other in ours:
                gap = index - layer_of[other]
                if gap <= 0:
                    problems.append(f"{name} imports {other}: an upward or sideways edge (layer {index} -> {layer_of[other]})")
                elif gap > 1 and name != CLI and (name, other) not in SKIPS:
                    problems.append(f"{name} imports {other}: skips {gap - 1} layer(s) and is not declared in SKIPS")
            if kind == "system-target":
                continue
            # Package.swift must declare what is imported, and nothing that is not.
            for module in sorted(used - deps):
                problems.append(f"{name} imports {module} but Package.swift does not declare it")
            for module in sorted(deps - used):
                problems.append(f"{name} declares {module} in Package.swift but never imports it")
    for (source, target), _ in SKIPS.items():
        if target not in imports(targets.get(source, (set(), "/nonexistent", ""))[1]):
            problems.append(f"SKIPS has {source} -> {target}, which is no longer an edge")
    if problems:
        print("\n".join(["", "module graph problems:"] + ["  " + line for line in problems]))
        return 1
    print("\nthe module graph has no upward edge and no undeclared skipping edge")
    return 0


if __name__ == "__main__":
    sys.exit(main())
