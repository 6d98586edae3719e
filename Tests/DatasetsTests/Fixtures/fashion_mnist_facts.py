"""Facts about Debian's Fashion-MNIST files computed with CPython's standard library only (gzip, struct),
independently of Convbook's reader; FashionMNISTTests compares with them.

Usage: python3 Fixtures/fashion_mnist_facts.py [/usr/share/datasets/fashion-mnist]
"""
import gzip
import json
import struct
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
facts = {}
for split, prefix in (("train", "train"), ("test", "t10k")):
    images = gzip.open(f"{root}/{prefix}-images-idx3-ubyte.gz").read()
    labels = gzip.open(f"{root}/{prefix}-labels-idx1-ubyte.gz").read()
    _, count, rows, cols = struct.unpack(">IIII", images[:16])
    pixels = images[16:]
    label_bytes = labels[8:]
    facts[split] = {
        "count": count, "rows": rows, "cols": cols,
        "pixel_sum": sum(pixels),
        "first_image_sum": sum(pixels[: rows * cols]),
        "last_image_sum": sum(pixels[-rows * cols:]),
        "first_labels": list(label_bytes[:10]),
        "label_counts": [label_bytes.count(k) for k in range(10)],
    }
print(json.dumps(facts, indent=1, sort_keys=True))
