"""A real Waline comment server for end-to-end tests: npm's @waline/vercel on a free 127.0.0.1
port, with its SQLite database in a temporary directory, new comments held for approval, and
the first registered user as its administrator.

Waline lives under .peers/waline at the repository root (made by tests/peers/install.sh), or in
the node_modules folder STEWARD_WALINE_MODULES points at.

Three things make it run here (see the peers reference): the package ships no SQL, so the
schema is created before the start; OAUTH_URL points at an empty list of sign-in services,
because Waline otherwise asks an internet service about them on every request; and a small
launcher binds to 127.0.0.1, where the package's own starter listens on every address.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]
INSTALL_SCRIPT = "tests/peers/install_waline.sh"
JWT_SECRET = "steward-e2e-jwt-secret"

# The tables Waline's SQLite storage expects (upstream assets/waline.sqlite.sql).
SCHEMA = """
CREATE TABLE IF NOT EXISTS "wl_Comment" (
  "id" INTEGER, "user_id" INTEGER, "comment" TEXT,
  "insertedAt" DATETIME DEFAULT (datetime('now','localtime')),
  "ip" TEXT, "link" TEXT, "mail" TEXT, "nick" TEXT, "rid" INTEGER, "pid" INTEGER,
  "sticky" NUMERIC, "status" TEXT NOT NULL, "like" INTEGER, "ua" TEXT, "url" TEXT,
  "createdAt" DATETIME DEFAULT (datetime('now','localtime')),
  "updatedAt" DATETIME DEFAULT (datetime('now','localtime')),
  PRIMARY KEY("id" AUTOINCREMENT));
CREATE TABLE IF NOT EXISTS "wl_Counter" (
  "id" INTEGER, "time" INTEGER, "reaction0" INTEGER, "reaction1" INTEGER,
  "reaction2" INTEGER, "reaction3" INTEGER, "reaction4" INTEGER, "reaction5" INTEGER,
  "reaction6" INTEGER, "reaction7" INTEGER, "reaction8" INTEGER, "url" TEXT,
  "createdAt" DATETIME DEFAULT (datetime('now','localtime')),
  "updatedAt" DATETIME DEFAULT (datetime('now','localtime')),
  PRIMARY KEY("id" AUTOINCREMENT));
CREATE TABLE IF NOT EXISTS "wl_Users" (
  "id" INTEGER, "display_name" TEXT NOT NULL DEFAULT '', "email" TEXT NOT NULL DEFAULT '',
  "password" TEXT NOT NULL DEFAULT '', "type" TEXT NOT NULL DEFAULT '', "label" TEXT,
  "github" TEXT, "twitter" TEXT, "facebook" TEXT, "google" TEXT, "weibo" TEXT, "qq" TEXT,
  "oidc" TEXT, "huawei" TEXT, "2fa" TEXT, "avatar" TEXT, "url" TEXT,
  "createdAt" DATETIME DEFAULT (datetime('now','localtime')),
  "updatedAt" DATETIME DEFAULT (datetime('now','localtime')),
  PRIMARY KEY("id" AUTOINCREMENT));
"""

# Runs Waline's thinkjs application like the package's vanilla.js does, but bound to 127.0.0.1.
LAUNCHER = """\
const path = require('node:path');
const modules = [process.env.WALINE_MODULES];
const Application = require(require.resolve('thinkjs', { paths: modules }));
const root = path.dirname(require.resolve('@waline/vercel/package.json', { paths: modules }));
const instance = new Application({
  ROOT_PATH: root,
  APP_PATH: path.join(root, 'src'),
  proxy: true,
  env: 'production',
});
instance.run();
think.config('host', '127.0.0.1');
"""


class WalineNotInstalled(RuntimeError):
    pass


def waline_modules() -> Path:
    """The node_modules folder Waline is installed in; raises if Waline is not there."""
    override = os.environ.get("STEWARD_WALINE_MODULES")
    modules = Path(override) if override else ROOT / ".peers" / "waline" / "node_modules"
    package = modules / "@waline" / "vercel" / "package.json"
    binding = modules / "sqlite3" / "build" / "Release" / "node_sqlite3.node"
    if not package.is_file() or not binding.is_file():
        raise WalineNotInstalled(
            f"Waline is not installed (no {package} with a built sqlite3): run "
            f"{INSTALL_SCRIPT} (or tests/peers/install.sh)."
        )
    if shutil.which("node") is None:
        raise WalineNotInstalled(
            f"Node.js is needed to run Waline: install it, then {INSTALL_SCRIPT}."
        )
    return modules


@dataclass(frozen=True)
class WalineUser:
    email: str
    password: str
    display_name: str
    token: str  # a sign-in of its own, apart from the one Steward makes
    user_id: int


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Waline:
    def __init__(self, directory: Path) -> None:
        self.modules = waline_modules()
        self.directory = directory
        self.port = _free_port()
        self._process: subprocess.Popen[bytes] | None = None
        self._http = httpx.Client(timeout=10.0)
        self._visitors = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def site_url(self) -> str:
        return "https://blog.example.org"

    # -- life cycle ----------------------------------------------------------------------------

    def start(self, timeout: float = 60.0) -> Waline:
        data = self.directory / "data"
        data.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(data / "waline.sqlite") as database:
            database.executescript(SCHEMA)
        database.close()
        launcher = self.directory / "start-waline.js"
        launcher.write_text(LAUNCHER)
        environment = {
            **os.environ,
            "WALINE_MODULES": str(self.modules),
            "SQLITE_PATH": str(data),
            "JWT_TOKEN": JWT_SECRET,
            "COMMENT_AUDIT": "true",  # visitors' comments wait for approval
            "IPQPS": "0",  # no "Comment too fast!" for several visitors on one address
            "AKISMET_KEY": "false",  # no spam check against an internet service
            "OAUTH_URL": 'data:application/json,{"services":[]}',
            "SITE_NAME": "Steward e2e",
            "SITE_URL": self.site_url,
        }
        log = (self.directory / "waline.log").open("wb")
        self._process = subprocess.Popen(
            ["node", str(launcher), str(self.port)],
            cwd=self.directory,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group (master and worker), stopped whole
        )
        log.close()
        self._wait_ready(timeout)
        return self

    def _wait_ready(self, timeout: float) -> None:
        assert self._process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"Waline exited at start:\n{self.output()}")
            try:
                response = self._http.get(
                    self.base_url + "/api/comment", params={"type": "count", "url": "/ready"}
                )
                if response.status_code == 200 and response.json().get("errno") == 0:
                    return
            except (httpx.TransportError, ValueError):
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"Waline did not answer in {timeout:.0f} s:\n{self.output()}")

    def output(self) -> str:
        path = self.directory / "waline.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def stop(self) -> None:
        process, self._process = self._process, None
        self._http.close()
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)

    # -- users ---------------------------------------------------------------------------------

    def register(self, email: str, password: str, display_name: str) -> WalineUser:
        """A user registered the way Waline's sign-up page does it. The first one registered
        on a server becomes its administrator; later ones are guests."""
        self.api(
            "POST",
            "/api/user",
            body={
                "display_name": display_name,
                "email": email,
                "password": password,
                "url": self.site_url,
            },
        )
        data = self.api("POST", "/api/token", body={"email": email, "password": password})
        return WalineUser(email, password, display_name, str(data["token"]), int(data["objectId"]))

    # -- the API, as the site's visitors and Waline's dashboard use it --------------------------

    def api(
        self,
        method: str,
        path: str,
        token: str | None = None,
        body: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
    ) -> Any:
        """The `data` of a successful answer; anything else fails the test."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = self._http.request(
            method, self.base_url + path, json=body, params=params, headers=headers
        )
        answer = response.json() if response.status_code == 200 else None
        if not isinstance(answer, dict) or answer.get("errno") != 0:
            raise AssertionError(f"{method} {path}: {response.status_code} {response.text}")
        return answer.get("data")

    def comment(
        self,
        nick: str,
        text: str,
        url: str = "/posts/hello/",
        *,
        parent: dict[str, Any] | None = None,
        token: str | None = None,
    ) -> dict[str, Any]:
        """A comment posted from the site's page, by a visitor (or a signed-in user)."""
        body: dict[str, Any] = {
            "comment": text,
            "nick": nick,
            "mail": f"{nick.lower()}@example.net",
            "link": "",
            "url": url,
            "ua": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
        }
        if parent is not None:
            body.update(
                pid=parent["objectId"],
                rid=parent.get("rid") or parent["objectId"],
                at=parent["nick"],
            )
        data: dict[str, Any] = self.api("POST", "/api/comment", token, body)
        return data

    def public_thread(self, url: str) -> dict[str, Any]:
        """A page's comments as an anonymous visitor sees them (approved ones only)."""
        data: dict[str, Any] = self.api(
            "GET",
            "/api/comment",
            params={"path": url, "page": 1, "pageSize": 100, "sortBy": "insertedAt_asc"},
        )
        return data

    def queue(self, token: str, status: str) -> dict[str, Any]:
        """Waline's moderation list for one status, as its dashboard shows it."""
        data: dict[str, Any] = self.api(
            "GET",
            "/api/comment",
            token,
            params={"type": "list", "owner": "all", "status": status, "page": 1, "pageSize": 100},
        )
        return data
