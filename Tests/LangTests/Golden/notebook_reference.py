"""Runs a golden program under CPython the way `convbook run` shows it (printed text, then the
repr of every top-level expression statement that is not None) and compares with its .out file.

Usage: python3 notebook_reference.py python_basics
The pure-Python programs (python_basics, classes) need only CPython. The nn.Module programs
(modules, conv2d_class, conv2d_training) were generated and are checked with a Python that has
PyTorch 2.x (e.g. `/work/peers-venv/bin/python notebook_reference.py modules`). The other tensor
programs' .out files were written from the book's printed outputs.
"""
import ast
import contextlib
import io
import sys


def run(path):
    source = open(path).read()
    tree = ast.parse(source)
    namespace = {"__name__": "__main__"}
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        for statement in tree.body:
            if isinstance(statement, ast.Expr):
                value = eval(compile(ast.Expression(statement.value), path, "eval"), namespace)
                if value is not None:
                    print(repr(value))
            else:
                exec(compile(ast.Module([statement], []), path, "exec"), namespace)
    return output.getvalue()


if __name__ == "__main__":
    name = sys.argv[1]
    actual = run(name + ".py")
    expected = open(name + ".out").read()
    if actual != expected:
        sys.stdout.write(actual)
        sys.exit("MISMATCH with " + name + ".out")
    print(name + ".out matches CPython")
