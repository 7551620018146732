"""The interactive path works: a Jupyter server on 127.0.0.1 starts a `beschut-werk` kernel through
the REST API, and a notebook's code cells run through the kernel's websocket channels as a real
client (JupyterLab) would send them. Bounded waits throughout; the server is always stopped."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.request
import uuid

import nbformat
import pytest
import websocket
from conftest import REPO, make_notebook

JUPYTER = REPO / ".venv" / "bin" / "jupyter"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def api(base: str, token: str, method: str, path: str, body: dict | None = None) -> dict | None:
    request = urllib.request.Request(
        f"{base}{path}",
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read()
    return json.loads(text) if text else None


def execute(ws: websocket.WebSocket, code: str, timeout: float = 120) -> list[dict]:
    """Send one execute_request on the shell channel; collect iopub messages until idle."""
    msg_id = uuid.uuid4().hex
    ws.send(
        json.dumps(
            {
                "header": {
                    "msg_id": msg_id,
                    "msg_type": "execute_request",
                    "username": "test",
                    "session": uuid.uuid4().hex,
                    "version": "5.3",
                    "date": "",
                },
                "parent_header": {},
                "metadata": {},
                "channel": "shell",
                "buffers": [],
                "content": {
                    "code": code,
                    "silent": False,
                    "store_history": True,
                    "user_expressions": {},
                    "allow_stdin": False,
                    "stop_on_error": True,
                },
            }
        )
    )
    messages, reply, idle = [], None, False
    deadline = time.monotonic() + timeout
    while not (reply and idle):
        ws.settimeout(max(0.1, deadline - time.monotonic()))
        if time.monotonic() > deadline:
            raise TimeoutError(f"no reply within {timeout} s for {code[:60]!r}")
        msg = json.loads(ws.recv())
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind = msg["header"]["msg_type"]
        if msg["channel"] == "shell" and kind == "execute_reply":
            reply = msg
        elif kind == "status" and msg["content"]["execution_state"] == "idle":
            idle = True
        elif msg["channel"] == "iopub":
            messages.append(msg)
    assert reply["content"]["status"] == "ok", reply["content"]
    return messages


REAL = REPO / "notebooks" / "04_waiting_list.ipynb"
REPORT = REPO / "reports" / "baseline" / "04_waiting_list.ipynb"


def text_of(outputs: list[dict]) -> str:
    """The text a reader sees: streams and text/plain of results and displays."""
    parts = []
    for out in outputs:
        if out.get("output_type", out.get("msg_type")) == "stream":
            parts.append(out.get("text") or out.get("content", {}).get("text", ""))
        data = out.get("data") or out.get("content", {}).get("data") or {}
        if "text/plain" in data:
            text = data["text/plain"]
            parts.append(text if isinstance(text, str) else "".join(text))
    return "".join(parts)


def run_real_notebook(ws: websocket.WebSocket) -> tuple[list[str], list[str]] | None:
    """Run the code cells of a real notebook as JupyterLab would (baseline parameters), and
    return its outputs next to the committed report's (None if there is no report)."""
    nb = nbformat.read(REAL, as_version=4)
    got = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            messages = execute(ws, cell.source, timeout=300)
            assert not [m for m in messages if m["msg_type"] == "error"], cell.source[:200]
            got.append(text_of([m for m in messages if m["msg_type"] != "status"]))
    if not REPORT.exists():
        return None
    report = nbformat.read(REPORT, as_version=4)
    expected = [
        text_of(c.outputs)
        for c in report.cells
        if c.cell_type == "code" and "injected-parameters" not in c.metadata.get("tags", [])
    ]
    return got, expected


@pytest.mark.slow
def test_notebook_runs_through_a_jupyter_server_kernel(tmp_path):
    port, token = free_port(), secrets.token_hex(16)
    base = f"http://127.0.0.1:{port}"
    env = dict(
        os.environ,
        JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
        BESCHUT_WRITE_ROOT=str(tmp_path / "write"),
    )
    allow_root = ["--allow-root"] if os.geteuid() == 0 else []
    log = (tmp_path / "server.log").open("wb")
    server = subprocess.Popen(
        [
            JUPYTER,
            "server",
            "--ServerApp.ip=127.0.0.1",
            f"--port={port}",
            f"--ServerApp.token={token}",
            "--no-browser",
            "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={REPO}",
            *allow_root,
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    kernel_id = None
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, (tmp_path / "server.log").read_text()[-3000:]
            try:
                api(base, token, "GET", "/api/status")
                break
            except OSError:
                assert time.monotonic() < deadline, "server did not come up within 60 s"
                time.sleep(0.3)
        specs = api(base, token, "GET", "/api/kernelspecs")
        assert "beschut-werk" in specs["kernelspecs"]
        kernel_id = api(base, token, "POST", "/api/kernels", {"name": "beschut-werk"})["id"]
        ws = websocket.create_connection(
            f"ws://127.0.0.1:{port}/api/kernels/{kernel_id}/channels?session_id={uuid.uuid4().hex}",
            header=[f"Authorization: token {token}"],
            timeout=60,
        )
        try:
            nb = make_notebook(
                'output_dir = "reports/interactive"',
                "from helpers import outputs, paths\nimport pandas as pd",
                "out = paths.output_path(output_dir, 'output_dir')\n"
                "outputs.update_results(out, 'check', {'rows': 3})\n"
                "print('wrote', (out / 'results.json').relative_to(paths.write_root()))",
                "pd.DataFrame({'year': [2015, 2016], 'people': [1600, 3300]})",
            )
            code_cells = [c for c in nb.cells if c.cell_type == "code"]
            outputs = [execute(ws, cell.source) for cell in code_cells]
            real = run_real_notebook(ws) if REAL.exists() else None
        finally:
            ws.close()
        printed = "".join(
            m["content"].get("text", "") for m in outputs[2] if m["msg_type"] == "stream"
        )
        assert printed == "wrote reports/interactive/results.json\n"
        table = [m for m in outputs[3] if m["msg_type"] == "execute_result"]
        assert "1600" in table[0]["content"]["data"]["text/plain"]
        assert "<table" in table[0]["content"]["data"]["text/html"]
        assert not any(m["msg_type"] == "error" for out in outputs for m in out)
        written = tmp_path / "write" / "reports" / "interactive" / "results.json"
        assert json.loads(written.read_text()) == {"check": {"rows": 3}}
        if real is not None:
            got, expected = real
            assert any(got), "the real notebook printed nothing"
            assert got == expected, "interactive outputs differ from the committed report"
            assert (tmp_path / "write" / "reports" / "baseline" / "results.json").exists()
    finally:
        if kernel_id:
            with contextlib.suppress(OSError):
                api(base, token, "DELETE", f"/api/kernels/{kernel_id}")
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.send_signal(signal.SIGINT)  # the server asks for confirmation; a second ^C stops
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=10)
        log.close()
