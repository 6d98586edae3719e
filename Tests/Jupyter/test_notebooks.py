"""The example notebooks through Jupyter's own runners (`jupyter execute`, nbclient, papermill) give the
outputs `convbook run` gives, pictures included."""
import pathlib
import shutil
import subprocess
import tempfile
import unittest

import harness
import nbclient
import nbformat
import yaml


def convbook_run(notebook, out, *parameters):
    result = harness.run_convbook("run", str(notebook), "--output", str(out), "--quiet", *parameters)
    return result


class NotebookRunnerTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = pathlib.Path(tempfile.mkdtemp(prefix="convbook-nb-"))
        # The notebooks read pictures from data/ beside them.
        shutil.copytree(harness.NOTEBOOKS / "data", cls.work / "data")
        cls.reference = {}
        for notebook in harness.example_notebooks():
            out = cls.work / f"{notebook.stem}.convbook.ipynb"
            result = convbook_run(notebook, out)
            if result.returncode != 0:
                raise AssertionError(f"convbook run {notebook.name}: {result.returncode}\n{result.stderr}")
            cls.reference[notebook.name] = nbformat.read(out, as_version=4)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)

    def assertSameOutputs(self, expected, actual, name):
        expected_cells = [c for c in expected.cells if c.cell_type == "code"]
        actual_cells = [c for c in actual.cells if c.cell_type == "code"]
        self.assertEqual(len(expected_cells), len(actual_cells), name)
        pictures = 0
        for index, (want, got) in enumerate(zip(expected_cells, actual_cells)):
            want_outputs = harness.comparable_outputs(want)
            got_outputs = harness.comparable_outputs(got)
            self.assertEqual(want_outputs, got_outputs, f"{name}, code cell {index + 1}")
            pictures += sum(1 for o in got_outputs if o[0] == "display_data" and "image/png" in dict(o[1]))
        return pictures

    def test_jupyter_execute_matches_convbook_run(self):
        pictures = 0
        for notebook in harness.example_notebooks():
            with self.subTest(notebook=notebook.name):
                copy = self.work / notebook.name
                shutil.copy(notebook, copy)
                subprocess.run(
                    [str(harness.bin_dir() / "jupyter"), "execute", "--inplace", f"--kernel_name={harness.KERNEL_NAME}",
                     str(copy)], check=True, capture_output=True, timeout=600, cwd=self.work)
                pictures += self.assertSameOutputs(self.reference[notebook.name], nbformat.read(copy, as_version=4),
                                                   notebook.name)
        self.assertGreater(pictures, 0, "no PNG outputs compared")
        print(f"\njupyter execute: {len(self.reference)} notebooks, {pictures} PNGs equal to convbook run's")

    def test_nbclient_matches_convbook_run(self):
        pictures = 0
        for notebook in harness.example_notebooks():
            with self.subTest(notebook=notebook.name):
                nb = nbformat.read(notebook, as_version=4)
                client = nbclient.NotebookClient(
                    nb, kernel_name=harness.KERNEL_NAME, timeout=600, resources={"metadata": {"path": str(self.work)}})
                client.execute()
                pictures += self.assertSameOutputs(self.reference[notebook.name], nb, notebook.name)
        self.assertGreater(pictures, 0)
        print(f"\nnbclient: {len(self.reference)} notebooks, {pictures} PNGs equal to convbook run's")


class PapermillTests(unittest.TestCase):
    def setUp(self):
        self.work = pathlib.Path(tempfile.mkdtemp(prefix="convbook-pm-"))

    def tearDown(self):
        shutil.rmtree(self.work, ignore_errors=True)

    def notebook(self, *sources, tag_first=True):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "convbook", "display_name": "Convbook", "language": "python"}
        for index, source in enumerate(sources):
            cell = nbformat.v4.new_code_cell(source)
            if index == 0 and tag_first:
                cell.metadata["tags"] = ["parameters"]
            nb.cells.append(cell)
        path = self.work / "in.ipynb"
        nbformat.write(nb, path)
        return path

    def papermill(self, *arguments):
        return subprocess.run([str(harness.bin_dir() / "papermill"), *arguments], capture_output=True, text=True,
                              timeout=300, cwd=self.work)

    def test_parameters_are_injected_and_parsed(self):
        source = self.notebook("c_i = 1\nname = 'x'", "print(c_i * 2, name)")
        out = self.work / "out.ipynb"
        result = self.papermill(str(source), str(out), "-k", "convbook", "-p", "c_i", "4", "-p", "name", "hi")
        self.assertEqual(result.returncode, 0, result.stderr)
        nb = nbformat.read(out, as_version=4)
        self.assertIn("injected-parameters", nb.cells[1].metadata.get("tags", []))
        self.assertEqual(harness.comparable_outputs(nb.cells[2]), [("stream", "stdout", "8 hi\n")])

    def test_every_literal_papermill_writes_parses(self):
        params = {
            "text": "it's \"quoted\"\nnewline", "integer": -3, "real": 2.5, "big": 1e300, "yes": True, "no": False,
            "nothing": None, "items": [1, "two", [3.0, None]], "mapping": {"a": 1, "b": [True, {"c": None}]},
            "not_a_number": float("nan"), "infinite": float("-inf"),
        }
        # A YAML file (papermill's -f), which can say NaN and infinity (.nan, -.inf) as JSON cannot.
        params_file = self.work / "params.yaml"
        params_file.write_text(yaml.safe_dump(params))
        checks = (
            "assert text == 'it\\'s \"quoted\"\\nnewline'\nassert integer == -3 and real == 2.5 and big == 1e300\n"
            "assert yes is True and no is False and nothing is None\n"
            "assert items == [1, 'two', [3.0, None]] and mapping['b'][1]['c'] is None\n"
            "assert not_a_number != not_a_number and infinite < -1e308\nprint('all parsed')"
        )
        source = self.notebook("text = ''", checks)
        out = self.work / "out.ipynb"
        result = self.papermill(str(source), str(out), "-k", "convbook", "-f", str(params_file))
        self.assertEqual(result.returncode, 0, result.stderr)
        nb = nbformat.read(out, as_version=4)
        self.assertEqual(harness.comparable_outputs(nb.cells[2]), [("stream", "stdout", "all parsed\n")])

    def test_a_raising_cell_fails_the_run(self):
        source = self.notebook("n = 1", "raise ValueError('bad n')", "print('not reached')")
        out = self.work / "out.ipynb"
        result = self.papermill(str(source), str(out), "-k", "convbook", "-p", "n", "2")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("ValueError", result.stderr)
        nb = nbformat.read(out, as_version=4)
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
        self.assertEqual(errors[0]["ename"], "ValueError")


if __name__ == "__main__":
    unittest.main()
