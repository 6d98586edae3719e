"""Jupyter's front ends: `jupyter console` driven through a pipe, and jupyter_server (JupyterLab's back end)
starting, running, restarting and deleting the kernel over its REST API and websocket."""
import json
import os
import re
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.request
import uuid

import harness


class ConsoleTests(unittest.TestCase):
    def test_console_prints_the_result(self):
        result = subprocess.run(
            [str(harness.bin_dir() / "jupyter"), "console", "--kernel", harness.KERNEL_NAME, "--simple-prompt",
             "--ZMQTerminalInteractiveShell.kernel_timeout=30"],
            input="6*7\nexit\n", capture_output=True, text=True, timeout=120)
        self.assertIn("Out[1]: 42", result.stdout, result.stdout + result.stderr)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class JupyterServerTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.port = free_port()
        cls.token = uuid.uuid4().hex
        cls.root = tempfile.mkdtemp(prefix="convbook-server-")
        cls.log = open(os.path.join(cls.root, "server.log"), "w")
        cls.server = subprocess.Popen(
            [str(harness.bin_dir() / "jupyter"), "server", "--no-browser", f"--port={cls.port}", "--ip=127.0.0.1",
             f"--IdentityProvider.token={cls.token}", f"--ServerApp.root_dir={cls.root}"]
            + (["--allow-root"] if os.geteuid() == 0 else []),
            stdout=cls.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                cls.request("GET", "/api")
                return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("jupyter server did not start")

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(timeout=30)
        cls.log.close()

    @classmethod
    def request(cls, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            f"http://127.0.0.1:{cls.port}{path}", data=data, method=method,
            headers={"Authorization": f"token {cls.token}",
                     "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
            return json.loads(text) if text else None

    def run_cell(self, kernel_id, code):
        import websocket  # websocket-client, which jupyter_server's test extras and nbclassic use

        ws = websocket.create_connection(
            f"ws://127.0.0.1:{self.port}/api/kernels/{kernel_id}/channels?token={self.token}", timeout=30)
        try:
            msg_id = uuid.uuid4().hex
            ws.send(json.dumps({
                "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "test", "session": "s",
                           "date": "", "version": "5.4"},
                "parent_header": {}, "metadata": {}, "channel": "shell",
                "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                            "allow_stdin": False, "stop_on_error": True},
            }))
            results, reply, idle = [], None, False
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and (reply is None or not idle):
                message = json.loads(ws.recv())
                if message.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                if message["msg_type"] == "execute_result":
                    results.append(message["content"]["data"]["text/plain"])
                if message["msg_type"] == "execute_reply":
                    reply = message["content"]
                if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
                    idle = True
            return reply, results
        finally:
            ws.close()

    def test_start_execute_restart_delete(self):
        kernel = self.request("POST", "/api/kernels", {"name": harness.KERNEL_NAME})
        kernel_id = kernel["id"]
        self.assertIn(kernel_id, [k["id"] for k in self.request("GET", "/api/kernels")])
        reply, results = self.run_cell(kernel_id, "x = 6\nx * 7")
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(results, ["42"])
        self.request("POST", f"/api/kernels/{kernel_id}/restart")
        reply, results = self.run_cell(kernel_id, "x")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "NameError")
        self.request("DELETE", f"/api/kernels/{kernel_id}")
        self.assertNotIn(kernel_id, [k["id"] for k in self.request("GET", "/api/kernels")])
        specs = self.request("GET", "/api/kernelspecs")
        self.assertIn(harness.KERNEL_NAME, specs["kernelspecs"])


if __name__ == "__main__":
    unittest.main()
