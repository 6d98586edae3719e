"""Shared machinery for the browser tests: a real `convbook serve`, a headless Chromium, and helpers.

The server runs on a free loopback port with a temporary database and a fresh token; Chromium signs in
once through `/?token=…` (which sets the cookies and strips the token) and then uses the page like a person.
Screenshots go to `.build/browser-artifacts/` (git-ignored) so the main flows can be looked at after a run.
"""

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ARTIFACTS = os.path.join(ROOT, ".build", "browser-artifacts")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")


def convbook_binary():
    """The debug `convbook` binary (`make test` builds it before the browser tests run)."""
    explicit = os.environ.get("CONVBOOK_BIN")
    if explicit:
        return explicit
    path = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    return os.path.join(path, "convbook")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """One `convbook serve` child process with its own database directory."""

    def __init__(self, port=None, extra_args=()):
        """`port=0` lets the server pick its port (`--port 0`); the URL it prints says which. `extra_args`
        go to `convbook serve` (e.g. `--idle-timeout 2s`)."""
        self.extra_args = list(extra_args)
        self.directory = tempfile.mkdtemp(prefix="convbook-browser-")
        self.port = free_port() if port is None else port
        self.token = secrets.token_hex(16)
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = os.path.join(self.directory, "server.log")
        self.process = None
        self.printed_url = None

    def start(self):
        command = [
            convbook_binary(), "serve",
            "--db", os.path.join(self.directory, "convbook.db"),
            "--host", "127.0.0.1", "--port", str(self.port),
            "--token", self.token,
            "--notebooks", os.path.join(ROOT, "notebooks"),
        ] + self.extra_args
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"convbook serve exited with {self.process.returncode}:\n{self.read_log()}")
            if self.printed_url is None:
                match = re.search(r"running at (http://127\.0\.0\.1:(\d+)/\S*)", self.read_log())
                if match is None:
                    time.sleep(0.1)
                    continue
                self.printed_url = match.group(1)
                if self.port == 0:
                    self.port = int(match.group(2))
                    self.base = f"http://127.0.0.1:{self.port}"
            try:
                if self.api("GET", "/api/health").get("status") == "ok":
                    return
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.1)
        raise RuntimeError(f"convbook serve did not answer /api/health within 60 s:\n{self.read_log()}")

    def read_log(self):
        try:
            with open(self.log_path) as log:
                return log.read()[-4000:]
        except OSError:
            return ""

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "log", None):
            self.log.close()
        shutil.rmtree(self.directory, ignore_errors=True)

    def request(self, method, path, body=None, raw=None, content_type="application/json"):
        """An API call with the Bearer token (no cookies, so no XSRF header needed). Returns (status, bytes, headers)."""
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Authorization", f"Bearer {self.token}")
        if data is not None:
            request.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read(), error.headers

    def api(self, method, path, body=None, raw=None, content_type="application/json"):
        status, data, _ = self.request(method, path, body, raw, content_type)
        if status >= 400:
            raise AssertionError(f"{method} {path} answered {status}: {data[:300]!r}")
        return json.loads(data) if data else None

    def create_notebook(self, title, cells=()):
        """A notebook with these cells, each `(type, source)`; returns its JSON (fresh from the server)."""
        notebook = self.api("POST", "/api/notebooks", {"title": title})
        revision = notebook["revision"]
        for cell in list(notebook.get("cells", [])):
            revision = self.api("DELETE", f"/api/notebooks/{notebook['id']}/cells/{cell['id']}?revision={revision}")["revision"]
        for index, (kind, source) in enumerate(cells):
            answer = self.api("POST", f"/api/notebooks/{notebook['id']}/cells", {"index": index, "type": kind, "source": source, "revision": revision})
            revision = answer["revision"]
        return self.api("GET", f"/api/notebooks/{notebook['id']}")

    def run_all_and_wait(self, notebook_id, timeout=60):
        """Runs every cell through the API and waits until none is queued or running."""
        self.api("POST", f"/api/notebooks/{notebook_id}/run", {"mode": "all"})
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            notebook = self.api("GET", f"/api/notebooks/{notebook_id}")
            if all(cell["status"] not in ("queued", "running") for cell in notebook["cells"]):
                return notebook
            time.sleep(0.1)
        raise AssertionError("the run did not finish")


def make_driver(width=1280, height=900, dark=False):
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--window-size={width},{height}"]:
        options.add_argument(argument)
    if dark:
        options.add_argument("--force-dark-mode")
        options.add_argument("--blink-settings=preferredColorScheme=0")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    options.add_experimental_option("prefs", {"download.default_directory": tempfile.mkdtemp(prefix="convbook-downloads-")})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    if width < 600:
        # Headless windows have a minimum width; emulate the phone's viewport instead.
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True})
    if dark:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    return driver


class BrowserTestCase(unittest.TestCase):
    """Starts one server and one browser for the test class; each test gets the helpers below."""

    server = None
    driver = None

    @classmethod
    def setUpClass(cls):
        os.makedirs(ARTIFACTS, exist_ok=True)
        cls.server = Server()
        cls.server.start()
        try:
            cls.driver = make_driver()
            cls.sign_in(cls.driver)
        except Exception:
            cls.server.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        if cls.driver:
            cls.driver.quit()
        if cls.server:
            cls.server.stop()

    @classmethod
    def sign_in(cls, driver):
        driver.get(f"{cls.server.base}/?token={cls.server.token}")
        WebDriverWait(driver, 15).until(lambda d: "token=" not in d.current_url and d.execute_script("return document.body && document.body.dataset.ready === 'true'"))

    def tearDown(self):
        errors = [entry for entry in self.driver.get_log("browser") if entry.get("level") == "SEVERE" and self.is_page_error(entry)]
        if errors and not getattr(self, "allow_console_errors", False):
            self.fail("console errors: " + "\n".join(entry["message"] for entry in errors))

    @staticmethod
    def is_page_error(entry):
        message = entry.get("message", "")
        # Expected failures the page handles: a revoked share (404), a deliberately refused request.
        return not any(expected in message for expected in ("/api/shares/", "status of 404", "status of 409", "heatmap.png", "favicon"))

    # ---- navigation and waiting ----

    def open_notebook(self, notebook_id, driver=None):
        driver = driver or self.driver
        driver.get(f"{self.server.base}/nb/{notebook_id}")
        self.wait(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"), driver=driver)

    def wait(self, condition, timeout=20, message="", driver=None):
        try:
            # The page re-renders lists and cells; a node found a moment ago may be gone: look again.
            ignored = (StaleElementReferenceException, NoSuchElementException)
            return WebDriverWait(driver or self.driver, timeout, poll_frequency=0.05, ignored_exceptions=ignored).until(condition)
        except TimeoutException:
            self.screenshot(f"timeout-{self.id().split('.')[-1]}", driver=driver)
            raise AssertionError(f"timed out waiting: {message}") from None

    def screenshot(self, name, driver=None):
        path = os.path.join(ARTIFACTS, f"{name}.png")
        (driver or self.driver).save_screenshot(path)
        return path

    def cells(self, driver=None):
        return (driver or self.driver).find_elements(By.CSS_SELECTOR, "#cells .cell")

    def cell(self, index, driver=None):
        return self.cells(driver)[index]

    def cell_by_id(self, cell_id, driver=None):
        return (driver or self.driver).find_element(By.CSS_SELECTOR, f'#cells .cell[data-cell-id="{cell_id}"]')

    def output_text(self, cell):
        return "\n".join(node.text for node in cell.find_elements(By.CSS_SELECTOR, ".outputs .output"))

    def wait_output(self, cell, text, timeout=30):
        return self.wait(lambda d: text in self.output_text(cell), timeout, f"output containing {text!r}")

    def wait_status(self, cell, statuses, timeout=30):
        statuses = (statuses,) if isinstance(statuses, str) else statuses
        return self.wait(lambda d: cell.get_attribute("data-status") in statuses, timeout, f"cell status in {statuses}")

    def type_into(self, cell, text):
        """Clicks the cell's editor and types like a person: the editor auto-indents, a line starting "<<" is typed after Shift+Tab."""
        cell.find_element(By.CSS_SELECTOR, ".source .CodeMirror").click()
        lines = text.split("\n")
        actions = ActionChains(self.driver)
        actions.key_down(Keys.CONTROL).send_keys(Keys.END).key_up(Keys.CONTROL)
        for number, line in enumerate(lines):
            if number > 0:
                actions.send_keys(Keys.ENTER)
                dedent = line.startswith("<<")
                if dedent:
                    line = line[2:]
                    actions.key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT)
            # The editor indents after a colon and keeps the indentation, as a person relies on.
            actions.send_keys(line.lstrip(" "))
        actions.perform()

    def editor_text(self, cell):
        return self.driver.execute_script("return arguments[0].querySelector('.CodeMirror').CodeMirror.getValue()", cell)

    def press(self, *keys, modifier=None):
        actions = ActionChains(self.driver)
        if modifier:
            actions.key_down(modifier)
        for key in keys:
            actions.send_keys(key)
        if modifier:
            actions.key_up(modifier)
        actions.perform()

    def shift_enter(self):
        self.press(Keys.ENTER, modifier=Keys.SHIFT)

    def wait_saved(self, driver=None):
        self.wait(lambda d: d.find_element(By.ID, "save-state").get_attribute("data-state") == "saved", 15, "saved", driver=driver)
