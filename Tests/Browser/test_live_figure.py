"""Issue 18 in a real browser: a live figure (a training curve) is redrawn in place while its cell runs,
a reloaded page picks it up mid-run and keeps redrawing it, and clear_output(wait=True) leaves only the
newest output on the page."""

import time
import unittest

from selenium.webdriver.common.by import By

from harness import BrowserTestCase

CURVE = (
    "import time\n"
    "h = display(plot([0.0], display=False), display_id='curve')\n"
    "points = [0.0]\n"
    "for step in range(1, 81):\n"
    "    time.sleep(0.05)\n"
    "    points.append(float(step % 7))\n"
    "    h.update(plot(points, display=False))\n"
    "print('trained')"
)
CLEARING = (
    "import time\n"
    "from IPython.display import clear_output\n"
    "for i in range(30):\n"
    "    clear_output(wait=True)\n"
    "    print('step', i)\n"
    "    time.sleep(0.03)"
)


class LiveFigure(BrowserTestCase):
    def images(self, cell):
        return cell.find_elements(By.CSS_SELECTOR, ".outputs img")

    def sources_while_running(self, cell, seconds):
        """The picture's URLs seen while the cell runs, sampling every 50 ms; each sample has one picture."""
        seen, counts = [], set()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and cell.get_attribute("data-status") == "running":
            # One script call reads every picture at once: the page swaps the <img> as it redraws, so an
            # element found first and read afterwards may already be gone.
            sources = self.driver.execute_script(
                "return Array.from(arguments[0].querySelectorAll('.outputs img')).map((image) => image.src)", cell)
            counts.add(len(sources))
            if sources:
                source = sources[0]
                if not seen or seen[-1] != source:
                    seen.append(source)
            time.sleep(0.05)
        return seen, counts

    def test_a_live_figure_is_redrawn_in_place_and_survives_a_reload(self):
        notebook = self.server.create_notebook("Live curve", [("code", CURVE)])
        cell_id = notebook["cells"][0]["id"]
        self.open_notebook(notebook["id"])
        self.driver.find_element(By.ID, "run-all").click()
        cell = self.cell_by_id(cell_id)
        self.wait(lambda d: self.images(cell), message="the first drawing")
        seen, counts = self.sources_while_running(cell, 1.5)
        self.assertGreaterEqual(len(seen), 3, f"the picture was redrawn while running: {seen}")
        self.assertEqual(counts, {1}, "always exactly one picture: redrawn in place, never appended")

        # Reload mid-run: the snapshot shows the curve so far, and it keeps changing.
        self.open_notebook(notebook["id"])
        cell = self.cell_by_id(cell_id)
        self.assertEqual(cell.get_attribute("data-status"), "running")
        self.wait(lambda d: self.images(cell), message="the curve so far after a reload")
        seen, counts = self.sources_while_running(cell, 1.0)
        self.assertGreaterEqual(len(seen), 2, f"the reloaded page keeps redrawing: {seen}")
        self.assertEqual(counts, {1})
        self.wait_output(cell, "trained")
        self.assertEqual(len(self.images(cell)), 1)
        self.screenshot("18-live-figure")

    def test_clear_output_wait_leaves_only_the_newest_output(self):
        notebook = self.server.create_notebook("Clearing", [("code", CLEARING)])
        cell_id = notebook["cells"][0]["id"]
        self.open_notebook(notebook["id"])
        self.driver.find_element(By.ID, "run-all").click()
        read = ("const cell = document.querySelector(`#cells .cell[data-cell-id=\"${arguments[0]}\"]`);"
                "return cell ? [cell.dataset.status, cell.querySelector('.outputs').textContent] : ['', ''];")
        self.wait(lambda d: d.execute_script(read, cell_id)[0] == "running", message="the cell runs")
        most = 0
        while True:
            # Read in one script: the page replaces output nodes as fast as this loop samples them.
            status, text = self.driver.execute_script(read, cell_id)
            most = max(most, text.count("step"))
            if status != "running":
                break
            time.sleep(0.02)
        cell = self.cell_by_id(cell_id)
        self.wait_status(cell, "done")
        self.assertLessEqual(most, 1, "never more than one step shown at a time")
        self.assertEqual(self.output_text(cell).strip(), "step 29")


if __name__ == "__main__":
    unittest.main()
