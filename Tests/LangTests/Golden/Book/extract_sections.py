"""Writes the golden programs `d2l_<section>.py` from the d2l-en book's source: each section's PyTorch code
cells as d2l.ai shows them (`%%tab` cells for pytorch only; `if tab.selected('pytorch'):` blocks kept and
dedented, other frameworks' blocks dropped), without the cells that train on a data set (issue 18 covers
those) and the cells that only use what those cells made. Lines marked `# added:` exercise what the section
defines but does not itself print (so the golden output checks it).

Usage: python3 Book/extract_sections.py D2L_EN_CHECKOUT   (a checkout of github.com/d2l-ai/d2l-en)
The committed programs come from d2l-en commit 23d7a5ae (2024). Their .out files are made by real PyTorch
with `make_outputs.py`.
"""
import os
import re
import subprocess
import sys

SECTIONS = {
    "lenet": "chapter_convolutional-neural-networks/lenet.md",
    "alexnet": "chapter_convolutional-modern/alexnet.md",
    "vgg": "chapter_convolutional-modern/vgg.md",
    "nin": "chapter_convolutional-modern/nin.md",
    "googlenet": "chapter_convolutional-modern/googlenet.md",
    "batch_norm": "chapter_convolutional-modern/batch-norm.md",
    "resnet": "chapter_convolutional-modern/resnet.md",
    "densenet": "chapter_convolutional-modern/densenet.md",
}

# What each section's golden program adds after the book's cells (the book prints nothing for these).
ADDED = {
    "batch_norm": [
        "model = BNLeNetScratch()",
        "model.layer_summary((2, 1, 28, 28))",
        "model = BNLeNet()",
        "model.layer_summary((2, 1, 28, 28))",
        "model.net[1]",
        "model.net[1].running_mean.shape, model.net[1].num_batches_tracked",
    ],
    "resnet": ["ResNeXtBlock(32, 16, 1, use_1x1conv=True, strides=2)(X).shape"],
    "densenet": ["DenseNet(lr=0.01).layer_summary((1, 1, 96, 96))"],
}


def resolve_tabs(code):
    out, lines, i = [], code.split("\n"), 0
    while i < len(lines):
        match = re.match(r"^(\s*)if tab\.selected\((.*)\):\s*$", lines[i])
        if not match:
            out.append(lines[i])
            i += 1
            continue
        indent, keep = len(match.group(1)), "pytorch" in match.group(2)
        i += 1
        while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > indent):
            if keep:
                out.append(lines[i][4:] if lines[i].strip() else "")
            i += 1
    return "\n".join(out)


def pytorch_cells(markdown):
    cells, lines, i = [], markdown.split("\n"), 0
    while i < len(lines):
        if lines[i].startswith("```{.python .input"):
            j, body = i + 1, []
            while not lines[j].startswith("```"):
                body.append(lines[j])
                j += 1
            first = next((line for line in body if line.strip()), "")
            tab = first.strip()[5:].strip() if first.strip().startswith("%%tab") else None
            if tab is not None:
                body = body[body.index(first) + 1:]
            text = "\n".join(body)
            if (tab is None or "pytorch" in tab or tab == "all") and "d2lbook" not in text:
                cells.append(resolve_tabs(text).strip("\n"))
            i = j
        i += 1
    return cells


def trains(cell):
    return "trainer.fit" in cell or "FashionMNIST" in cell or cell.startswith("model.net[1].gamma")


def main():
    checkout = sys.argv[1]
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for name, path in SECTIONS.items():
        markdown = subprocess.check_output(["git", "-C", checkout, "show", "HEAD:" + path]).decode()
        cells = [cell for cell in pytorch_cells(markdown) if not trains(cell)]
        text = f"# d2l-en {path}: the PyTorch cells without the training ones (Book/extract_sections.py)\n"
        text += "\n\n".join(cells) + "\n"
        if name in ADDED:
            text += "\n" + "".join(line + "  # added: not in the book\n" for line in ADDED[name])
        with open(os.path.join(here, f"d2l_{name}.py"), "w") as f:
            f.write(text)
        print(f"d2l_{name}.py: {len(cells)} cells")


if __name__ == "__main__":
    main()
