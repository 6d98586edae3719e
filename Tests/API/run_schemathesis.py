"""schemathesis against a live `convbook serve`: every operation of /api/openapi.json, no 5xx, every
response matching its schema (`make test-api`).

Starts the server on a free loopback port with a temporary database and a fresh token, runs
`st run` with a bounded number of examples per operation and a time budget, stops the server and exits
with schemathesis's status. Extra arguments go to `st run` (for example `--seed 1`).
"""

import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CHECKS = ",".join([
    "not_a_server_error", "status_code_conformance", "content_type_conformance", "response_schema_conformance",
    "negative_data_rejection", "missing_required_header", "ignored_auth", "unsupported_method",
    "allow_header_conformance",
])
# The event stream never ends (the server and browser tests read it).
EXCLUDED = r"^/api/notebooks/\{id\}/events$"


def main():
    binary = os.environ.get("CONVBOOK_BIN") or os.path.join(
        subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True,
                       check=True).stdout.strip(), "convbook")
    st = os.path.join(os.path.dirname(sys.executable), "st")
    directory = tempfile.mkdtemp(prefix="convbook-api-")
    token = secrets.token_hex(16)
    log_path = os.path.join(directory, "server.log")
    log = open(log_path, "w")
    server = subprocess.Popen(
        [binary, "serve", "--db", os.path.join(directory, "convbook.db"), "--host", "127.0.0.1", "--port", "0",
         "--token", token, "--notebooks", os.path.join(ROOT, "notebooks")],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        base = None
        deadline = time.monotonic() + 60
        while base is None and time.monotonic() < deadline:
            if server.poll() is not None:
                sys.exit(f"convbook serve exited with {server.returncode}:\n{open(log_path).read()}")
            match = re.search(r"running at (http://127\.0\.0\.1:\d+)/", open(log_path).read())
            base = match.group(1) if match else None
            time.sleep(0.1)
        if base is None:
            sys.exit("convbook serve did not start in 60 s")
        request = urllib.request.Request(base + "/api/health", headers={"Authorization": f"Bearer {token}"})
        urllib.request.urlopen(request, timeout=10).read()
        command = [
            st, "--no-color", "run", base + "/api/openapi.json", "--url", base,
            "-H", f"Authorization: Bearer {token}", "--checks", CHECKS,
            "--exclude-path-regex", EXCLUDED, "--max-examples", os.environ.get("API_MAX_EXAMPLES", "30"),
            "--max-time", os.environ.get("API_MAX_SECONDS", "60"), "--request-timeout", "20",
            "--seed", os.environ.get("API_SEED", "19"), "--output-truncate", "true",
            "--suppress-health-check", "all",
        ] + sys.argv[1:]
        print(" ".join(command).replace(token, "TOKEN"), flush=True)
        result = subprocess.run(command, cwd=directory)
        if server.poll() is not None:
            print(f"convbook serve died during the run:\n{open(log_path).read()[-4000:]}")
            sys.exit(1)
        sys.exit(result.returncode)
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        log.close()
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
