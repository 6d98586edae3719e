"""Validates notebooks with the real nbformat, as `make test` does for every exported file.

Usage: .venv-test/bin/python -W error::FutureWarning validate_notebooks.py FILE.ipynb...
Prints one line per file and exits 1 if any file fails to read or validate.
"""

import sys

import nbformat

failed = False
for path in sys.argv[1:]:
    try:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        print(f"valid: {path}")
    except Exception as error:  # report every file, then fail
        failed = True
        print(f"INVALID: {path}: {type(error).__name__}: {error}")
sys.exit(1 if failed else 0)
