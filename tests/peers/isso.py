"""A real Isso comment server for end-to-end tests: configured in a temporary directory, bound to
127.0.0.1 on a free port, with moderation on (new comments wait in the queue), the guard off (no
rate limit on the tests' own comments) and the admin interface on with a test password.

Isso lives in its own venv at .peers/isso-venv under the repository root (made by
tests/peers/install_isso.sh), or wherever STEWARD_ISSO_BIN points (the `isso` executable).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]
ADMIN_PASSWORD = "test-admin-pw"

CONFIG = """\
[general]
dbpath = {directory}/comments.db
host = {base}/
notify = stdout
max-age = 15m
latest-enabled = true

[server]
listen = {base}/
public-endpoint = {base}

[moderation]
enabled = true
approve-if-email-previously-approved = false
purge-after = 30d

[admin]
enabled = true
password = {password}

[guard]
enabled = false
require-author = false
require-email = false
reply-to-self = true
"""


class IssoNotInstalled(RuntimeError):
    pass


def isso_executable() -> Path:
    """The `isso` command of the venv Isso is installed in; raises if there is none."""
    override = os.environ.get("STEWARD_ISSO_BIN")
    command = Path(override) if override else ROOT / ".peers" / "isso-venv" / "bin" / "isso"
    if not command.is_file():
        raise IssoNotInstalled(
            f"Isso is not installed (no {command}): run tests/peers/install_isso.sh "
            "(or tests/peers/install.sh, or set STEWARD_ISSO_BIN to an `isso` executable)."
        )
    return command


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Isso:
    def __init__(self, directory: Path) -> None:
        self.command = isso_executable()
        self.directory = directory
        self.port = _free_port()
        self.config = directory / "isso.cfg"
        self._process: subprocess.Popen[bytes] | None = None
        self._http = httpx.Client(timeout=10.0)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- life cycle ----------------------------------------------------------------------------

    def start(self) -> Isso:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.config.write_text(
            CONFIG.format(directory=self.directory, base=self.base_url, password=ADMIN_PASSWORD)
        )
        log = (self.directory / "isso.out").open("wb")
        self._process = subprocess.Popen(
            [str(self.command), "-c", str(self.config), "run"],
            cwd=self.directory,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as a whole
        )
        log.close()
        self._wait_ready(30.0)
        return self

    def _wait_ready(self, timeout: float) -> None:
        assert self._process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"Isso exited at start:\n{self.output()}")
            try:
                if self._http.get(self.base_url + "/config").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"Isso did not answer in {timeout:.0f} s:\n{self.output()}")

    def output(self) -> str:
        path = self.directory / "isso.out"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def stop(self) -> None:
        process, self._process = self._process, None
        self._http.close()
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)

    # -- Isso's own API, as a visitor's browser uses it ----------------------------------------

    def comment(
        self,
        uri: str,
        text: str,
        *,
        author: str | None = None,
        parent: int | None = None,
        title: str = "",
        email: str | None = None,
    ) -> Visitor:
        """A visitor's new comment; the returned visitor holds its author cookie (edit, delete)."""
        body: dict[str, Any] = {"text": text, "author": author, "parent": parent}
        if title:
            body["title"] = title
        if email:
            body["email"] = email
        response = self._http.post(self.base_url + "/new", params={"uri": uri}, json=body)
        if response.status_code not in (201, 202):
            raise AssertionError(f"POST /new: {response.status_code} {response.text}")
        answer: dict[str, Any] = response.json()
        cookie = response.cookies.get(str(answer["id"]))
        self._http.cookies.clear()  # each visitor keeps only their own cookie
        assert cookie, "Isso gave no author cookie"
        return Visitor(self, int(answer["id"]), cookie, answer)

    def thread(self, uri: str) -> list[dict[str, Any]]:
        """The thread's public comments, flattened (replies after their parent)."""
        response = self._http.get(self.base_url + "/", params={"uri": uri, "plain": "1"})
        if response.status_code == 404:
            return []
        response.raise_for_status()
        flat: list[dict[str, Any]] = []
        for top in response.json()["replies"]:
            flat.append(top)
            flat.extend(top.get("replies", []))
        return flat


class Visitor:
    """Someone who wrote one comment, with the cookie Isso gave them for it."""

    def __init__(self, isso: Isso, comment_id: int, cookie: str, created: dict[str, Any]):
        self.isso = isso
        self.id = comment_id
        self.cookie = cookie
        self.created = created

    def edit(self, text: str) -> dict[str, Any]:
        response = self.isso._http.put(
            f"{self.isso.base_url}/id/{self.id}",
            json={"text": text},
            headers={"Cookie": f"{self.id}={self.cookie}"},
        )
        if response.status_code != 200:
            raise AssertionError(f"PUT /id/{self.id}: {response.status_code} {response.text}")
        self.cookie = response.cookies.get(str(self.id)) or self.cookie
        self.isso._http.cookies.clear()
        answer: dict[str, Any] = response.json()
        return answer
