"""The Jupyter project's kernel conformance suite (jupyter_kernel_test) against `convbook jupyter-kernel`."""
import unittest

import harness  # noqa: F401  (installs the kernelspec first)
import jupyter_kernel_test


class ConvbookKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = harness.KERNEL_NAME
    language_name = "python"
    file_extension = ".py"

    code_hello_world = "print('hello, world')"
    code_stderr = "import sys\nprint('oops', file=sys.stderr)"
    code_generate_error = "raise ValueError('boom')"
    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": "6 * 7", "result": "42"},
        {"code": "import torch\ntorch.zeros(2).shape", "result": "torch.Size([2])"},
    ]
    code_display_data = [
        {"code": "import torch\nshow(torch.arange(6.0).reshape(2, 3))", "mime": "image/png"},
        {"code": "import torch\nshow(torch.arange(6.0).reshape(2, 3))", "mime": "text/plain"},
    ]
    code_clear_output = "print('a')\nclear_output()"
    code_inspect_sample = "len"
    code_history_pattern = "6 * ?"
    supported_history_operations = ("tail", "range", "search")

    completion_samples = [
        {"text": "zi", "matches": {"zip"}},
        {"text": "import torch\ntorch.zer", "matches": {"zeros", "zeros_like"}},
    ]
    complete_code_samples = ["1", "print('hello, world')", "def f(x):\n  return x*2\n\n\n", "x = [1,\n 2]"]
    incomplete_code_samples = ["print('''hello", "def f(x):\n  x*2", "for i in range(3):", "x = (1,"]
    invalid_code_samples = ["import = 7q", "x = )", 'print("x)']


class ConvbookIopubWelcomeTests(jupyter_kernel_test.IopubWelcomeTests):
    kernel_name = harness.KERNEL_NAME
    support_iopub_welcome = True


if __name__ == "__main__":
    unittest.main()
