"""Records what IPython's display API does for the cells in ipython_display.json's cases.

Run with IPython 8 (the system Python has it): `python3 ipython_display_reference.py` rewrites
`ipython_display.json` with, for each case, the events IPython produced: prints, displays (text/plain and
display id), updates, clears, the cell's result and errors, every field written as Python's str() of it. LiveDisplayTests runs the same cells in
Convbook and compares. Ids IPython makes (display_id=True, DisplayHandle()) are random: each is written
as <id1>, <id2>, … in order of appearance.
"""
import io
import json
import os
import re
import sys

from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell

CASES = [
    ["display(1, 'a', None)", "display()", "display([1, 2.5], (3,))"],
    [
        "h = display(2, display_id=True)",
        "print(type(h).__name__, len(h.display_id))",
        "h.update(3)",
        "h.display(4)",
        "print(repr(h) == '<DisplayHandle display_id=%s>' % h.display_id)",
        "h",
    ],
    [
        "display('x', display_id='loss')",
        "print('between')",
        "update_display('y', display_id='loss')",
        "display('z', display_id='loss', update=True)",
    ],
    ["update_display(5)", "update_display(5, display_id=None)", "display(5, update=True)", "update_display()"],
    ["display(8, clear=True)", "clear_output(True)", "clear_output(wait=False)", "clear_output()"],
    ["clear_output(wait=True, x=1)"],
    ["display(9, display_id=False)", "display(9, display_id='')", "display(9, display_id=3)"],
    ["from IPython import display as d", "d.display(1)", "import IPython", "IPython.display.display(2)"],
    [
        "from IPython.display import DisplayHandle",
        "h2 = DisplayHandle()",
        "print(len(h2.display_id))",
        "h3 = DisplayHandle('y')",
        "h3.update(1)",
        "h3.display_id",
        "h3.update()",
    ],
    ["display({'text/plain': 'hi'}, raw=True)"],
    ["display(1, display_id=True)"],
    ["print('a')", "h = display('b', display_id='d')", "print('c')", "h.update('e')", "print('f')"],
    ["display(None, display_id=True)", "display(None, display_id='n').display_id"],
]

PRELUDE = "from IPython.display import display, update_display, clear_output"

log = []


class Recorder(DisplayPublisher):
    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
        display_id = (transient or {}).get("display_id")
        log.append(["update" if update else "display", data.get("text/plain"), display_id])

    def clear_output(self, wait=False):
        log.append(["clear", bool(wait)])


class Stdout(io.StringIO):
    def write(self, text):
        if log and log[-1][0] == "stdout":
            log[-1][1] += text
        else:
            log.append(["stdout", text])
        return len(text)


def normalize(events):
    ids = {}

    def name(value):
        if isinstance(value, str) and re.fullmatch(r"[0-9a-f]{32}", value):
            ids.setdefault(value, "<id%d>" % (len(ids) + 1))
            return ids[value]
        return value

    def plain(item):
        # Every event field as the text Python prints for it (True, None, 3), so readers compare strings.
        return item if isinstance(item, str) else str(item)

    events = [{"cell": cell["cell"], "events": [[plain(item) for item in event] for event in cell["events"]]}
              for cell in events]
    text = json.dumps(events)
    for found in re.findall(r"[0-9a-f]{32}", text):
        text = text.replace(found, name(found))
    return json.loads(text)


def run_case(cells):
    shell = InteractiveShell.instance()
    shell.display_pub = Recorder()
    shell.display_pub.shell = shell
    # Tracebacks are printed to stdout; the error itself is recorded from the result.
    shell.showtraceback = lambda *args, **kwargs: None
    shell.run_cell(PRELUDE, store_history=False)
    events = []
    for cell in cells:
        log.clear()
        real = sys.stdout
        sys.stdout = Stdout()
        try:
            result = shell.run_cell(cell, store_history=False, silent=False)
        finally:
            sys.stdout = real
        # The shell's displayhook prints `Out[1]: …`; the result is recorded from the cell's result.
        cell_events = [event for event in log if not (event[0] == "stdout" and event[1].startswith("Out["))]
        error = result.error_in_exec
        if error is not None:
            cell_events.append(["error", type(error).__name__, str(error)])
        elif result.result is not None:
            cell_events.append(["result", repr(result.result)])
        events.append({"cell": cell, "events": cell_events})
    InteractiveShell.clear_instance()
    return normalize(events)


def main():
    import IPython

    cases = [run_case(cells) for cells in CASES]
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ipython_display.json")
    with open(path, "w") as out:
        json.dump({"ipython": IPython.__version__, "prelude": PRELUDE, "cases": cases}, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
