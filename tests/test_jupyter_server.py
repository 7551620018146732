"""The interactive path works, through `make lab ARGS=...` (the project's Jupyter config):

- JupyterLab on 127.0.0.1 starts a `beschut-werk` kernel through the REST API, and notebook code
  cells run through the kernel's websocket channels as JupyterLab sends them; a real notebook's
  outputs equal its committed report's;
- saving the executed notebook through the contents API (what JupyterLab's save and autosave
  do) stores notebooks/NN.ipynb without outputs, exactly as `make sync` stores it, and leaves
  its py:percent twin intact; saving over a generated report is refused.

The server's root is a copy of notebooks/ and reports/ (nothing is written into the
repository). Bounded waits throughout; the server is always stopped."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid

import nbformat
import pytest
import websocket
from support.paths import REPO
from support.project import make_notebook

pytestmark = pytest.mark.slow


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


def executed_copy(nb: nbformat.NotebookNode, outputs: list[list[dict]]) -> dict:
    """``nb`` as JupyterLab holds it after running every code cell: outputs, execution counts,
    language_info and per-cell execution timing."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    nb.metadata["language_info"] = {"name": "python", "version": "3.11"}
    code = [c for c in nb.cells if c.cell_type == "code"]
    for count, (cell, messages) in enumerate(zip(code, outputs, strict=True), start=1):
        cell.execution_count = count
        cell.metadata["execution"] = {"iopub.status.idle": "2026-01-01T00:00:00.000Z"}
        cell.outputs = [
            nbformat.v4.output_from_msg(m)
            for m in messages
            if m["msg_type"] in ("stream", "display_data", "execute_result", "error")
        ]
    assert any(cell.outputs for cell in code)
    return nb


@contextlib.contextmanager
def lab_server(root, tmp_path, plain=False):
    """`make lab` (``plain``: `.venv/bin/jupyter lab`, no --config) serving ``root`` on a free
    port with a token; yields (base url, token)."""
    port, token = free_port(), secrets.token_hex(16)
    args = [
        "--no-browser",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.token={token}",
        f"--ServerApp.root_dir={root}",
        *(["--allow-root"] if os.geteuid() == 0 else []),
    ]
    env = dict(
        os.environ,
        JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
        BESCHUT_WRITE_ROOT=str(tmp_path / "write"),
    )
    log = (tmp_path / "server.log").open("wb")
    command = (
        [str(REPO / ".venv" / "bin" / "jupyter"), "lab", *args]
        if plain
        # --assume-old: the environment is the one this test runs in; never rebuild it here
        else [
            "make",
            "-s",
            "-C",
            str(REPO),
            "--assume-old=.venv/.installed",
            "lab",
            f"ARGS={' '.join(args)}",
        ]
    )
    server = subprocess.Popen(
        command,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, (tmp_path / "server.log").read_text()[-3000:]
            try:
                api(base, token, "GET", "/api/status")
                break
            except OSError:
                assert time.monotonic() < deadline, "server did not come up within 90 s"
                time.sleep(0.3)
        yield base, token
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
        log.close()


def test_notebooks_run_and_save_through_make_lab(tmp_path):
    root = tmp_path / "root"
    shutil.copytree(REPO / "notebooks", root / "notebooks")
    shutil.copytree(REPO / "reports" / "baseline", root / "reports" / "baseline")
    stored = (root / "notebooks" / REAL.name).read_bytes()
    twin = root / "notebooks" / f"{REAL.stem}.py"
    twin_text = twin.read_text()
    with lab_server(root, tmp_path) as (base, token):
        specs = api(base, token, "GET", "/api/kernelspecs")
        assert "beschut-werk" in specs["kernelspecs"]
        kernel_id = api(base, token, "POST", "/api/kernels", {"name": "beschut-werk"})["id"]
        ws = websocket.create_connection(
            f"{base.replace('http', 'ws')}/api/kernels/{kernel_id}/channels"
            f"?session_id={uuid.uuid4().hex}",
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
            real_nb = nbformat.read(REAL, as_version=4)
            real_messages = [
                execute(ws, c.source, timeout=300) for c in real_nb.cells if c.cell_type == "code"
            ]
        finally:
            ws.close()
            with contextlib.suppress(OSError):
                api(base, token, "DELETE", f"/api/kernels/{kernel_id}")

        # JupyterLab saves (and autosaves) the executed notebook through the contents API.
        path = f"notebooks/{REAL.name}"
        executed = executed_copy(real_nb, real_messages)
        api(base, token, "PUT", f"/api/contents/{path}", {"type": "notebook", "content": executed})
        reread = api(base, token, "GET", f"/api/contents/{path}")["content"]
        report = f"reports/baseline/{REAL.name}"
        with pytest.raises(urllib.error.HTTPError) as refused:
            api(
                base,
                token,
                "PUT",
                f"/api/contents/{report}",
                {"type": "notebook", "content": executed},
            )
        assert refused.value.code == 403
        assert "is generated by `make reports`" in refused.value.read().decode()

    printed = "".join(m["content"].get("text", "") for m in outputs[2] if m["msg_type"] == "stream")
    assert printed == "wrote reports/interactive/results.json\n"
    table = [m for m in outputs[3] if m["msg_type"] == "execute_result"]
    assert "1600" in table[0]["content"]["data"]["text/plain"]
    assert "<table" in table[0]["content"]["data"]["text/html"]
    assert not any(m["msg_type"] == "error" for out in outputs for m in out)
    written = tmp_path / "write" / "reports" / "interactive" / "results.json"
    assert json.loads(written.read_text()) == {"check": {"rows": 3}}

    # The real notebook, run as JupyterLab runs it, prints what its committed report shows.
    got = [
        text_of([m for m in messages if m["msg_type"] != "status"]) for messages in real_messages
    ]
    committed = nbformat.read(REPORT, as_version=4)
    expected = [
        text_of(c.outputs)
        for c in committed.cells
        if c.cell_type == "code" and "injected-parameters" not in c.metadata.get("tags", [])
    ]
    assert any(got), "the real notebook printed nothing"
    assert got == expected, "interactive outputs differ from the committed report"

    # The stored notebook is exactly what was there (no outputs, no counts, no session
    # metadata), and its py:percent twin is unchanged.
    on_disk = nbformat.read(root / "notebooks" / REAL.name, as_version=4)
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in on_disk.cells)
    assert (root / "notebooks" / REAL.name).read_bytes() == stored
    assert twin.read_text() == twin_text
    assert not any(c.get("outputs") for c in reread["cells"])
    assert (root / report).read_bytes() == (REPO / report).read_bytes()


def tree_bytes(folder) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def status_and_text(base: str, token: str, method: str, path: str, body=None) -> tuple[int, str]:
    try:
        api(base, token, method, path, body)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    return 200, ""


def test_plain_jupyter_lab_refuses_every_write_to_generated_outputs(tmp_path):
    """`.venv/bin/jupyter lab` without `make lab` (the settings `make env` installed): saving
    strips outputs, and no path or type changes reports/: 403 with the reason; bad content 400."""
    root = tmp_path / "root"
    shutil.copytree(REPO / "notebooks", root / "notebooks")
    shutil.copytree(REPO / "reports" / "baseline", root / "reports" / "baseline")
    (root / "data").mkdir()
    (root / "notebooks" / "link").symlink_to(root / "reports" / "baseline")
    (root / "outside").symlink_to(tmp_path)  # a link leaving the server's root
    before = tree_bytes(root / "reports")
    real_nb = nbformat.read(REAL, as_version=4)
    executed = json.loads(json.dumps(real_nb))
    code = next(c for c in executed["cells"] if c["cell_type"] == "code")
    code["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "42\n"}]
    code["execution_count"] = 1
    notebook = {"type": "notebook", "content": executed}
    text_file = {"type": "file", "format": "text", "content": "{}\n"}
    name = REAL.name
    refused = [
        ("PUT", f"notebooks/../reports/baseline/{name}", notebook),
        ("PUT", f"data/%2e%2e/reports/baseline/{name}", notebook),
        ("PUT", f"notebooks/link/{name}", notebook),
        ("PUT", f"Reports/baseline/{name}", notebook),
        ("PUT", f"reports/./baseline/{name}", {"type": "file", "format": "text", "content": "x"}),
        ("PUT", "reports/baseline/results.json", text_file),
        ("PUT", "reports/baseline/figures/new.png", text_file),
        ("PUT", "reports/baseline/new_folder", {"type": "directory"}),
        ("PUT", "outside/escaped.txt", text_file),
        ("POST", "reports/baseline", {"type": "notebook"}),
        ("POST", "reports/baseline", {"copy_from": f"notebooks/{name}"}),
        ("PATCH", f"reports/baseline/{name}", {"path": f"notebooks/moved_{name}"}),
        ("PATCH", f"notebooks/{REAL.stem}.py", {"path": f"reports/baseline/{REAL.stem}.py"}),
        ("DELETE", "reports/baseline/results.json", None),
        ("DELETE", "reports/baseline/figures", None),
        ("POST", f"reports/baseline/{name}/checkpoints", None),
    ]
    malformed = [
        ("PUT", f"notebooks/{name}", {"type": "notebook", "content": None}),
        ("PUT", f"notebooks/{name}", {"type": "notebook", "content": {"cells": 3}}),
        ("PUT", "notebooks/x.txt", {"type": "file", "format": "text", "content": None}),
    ]
    with lab_server(root, tmp_path, plain=True) as (base, token):
        answers = [
            (method, path, *status_and_text(base, token, method, f"/api/contents/{path}", body))
            for method, path, body in refused
        ]
        bad = [
            (method, path, *status_and_text(base, token, method, f"/api/contents/{path}", body))
            for method, path, body in malformed
        ]
        doubled = status_and_text(
            base, token, "PUT", f"/api/contents/reports//baseline/{name}", notebook
        )
        saved = status_and_text(base, token, "PUT", f"/api/contents/notebooks/{name}", notebook)
        copied_out = status_and_text(
            base,
            token,
            "POST",
            "/api/contents/notebooks",
            {"copy_from": f"reports/baseline/{name}"},
        )
    wrong = [(m, p, code, text[:200]) for m, p, code, text in answers if code != 403]
    assert not wrong, wrong
    assert all("make reports" in text or "outside" in text for *_, text in answers)
    assert [code for *_, code, _ in bad] == [400, 400, 400], bad
    assert doubled[0] in (403, 404)  # a doubled slash is not routed to the contents API at all
    assert tree_bytes(root / "reports") == before, "a generated output changed"
    assert not (tmp_path / "escaped.txt").exists()
    assert saved[0] == 200 and copied_out[0] == 200  # source notebooks and copies out still work
    on_disk = nbformat.read(root / "notebooks" / name, as_version=4)
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in on_disk.cells)
    assert (root / "notebooks" / name).read_bytes() == REAL.read_bytes()
