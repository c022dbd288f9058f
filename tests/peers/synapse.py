"""A real Synapse homeserver for end-to-end tests: generated into a temporary directory, bound to
127.0.0.1 on a free port (client API only, no federation, no registration, rate limits out of
the way), with users made by Synapse's own register_new_matrix_user.

Synapse lives in its own venv at .peers/synapse-venv under the repository root (made by
tests/peers/install.sh), or wherever STEWARD_SYNAPSE_PYTHON points.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import yaml

ROOT = Path(__file__).resolve().parents[2]
SERVER_NAME = "localhost"
CLIENT = "/_matrix/client/v3"
FAST = {"per_second": 1000, "burst_count": 1000}


class SynapseNotInstalled(RuntimeError):
    pass


def synapse_python() -> Path:
    """The Python of the venv Synapse is installed in; raises if there is none."""
    override = os.environ.get("STEWARD_SYNAPSE_PYTHON")
    python = Path(override) if override else ROOT / ".peers" / "synapse-venv" / "bin" / "python"
    if not python.is_file():
        raise SynapseNotInstalled(
            f"Synapse is not installed (no {python}): run tests/peers/install.sh "
            "(or set STEWARD_SYNAPSE_PYTHON to the Python of a venv with matrix-synapse)."
        )
    probe = subprocess.run(
        [str(python), "-c", "import synapse"], capture_output=True, text=True, check=False
    )
    if probe.returncode != 0:
        raise SynapseNotInstalled(
            f"{python} cannot import synapse: run tests/peers/install.sh. {probe.stderr[-500:]}"
        )
    return python


@dataclass(frozen=True)
class MatrixUser:
    localpart: str
    password: str
    admin: bool
    access_token: str  # a session of its own, apart from the one Steward makes

    @property
    def user_id(self) -> str:
        return f"@{self.localpart}:{SERVER_NAME}"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Synapse:
    def __init__(self, directory: Path, *, access_token_lifetime: str = "5m") -> None:
        self.python = synapse_python()
        self.directory = directory
        self.port = _free_port()
        self.config = directory / "homeserver.yaml"
        self._access_token_lifetime = access_token_lifetime
        self._process: subprocess.Popen[bytes] | None = None
        self._http = httpx.Client(timeout=10.0)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- life cycle ----------------------------------------------------------------------------

    def start(self) -> Synapse:
        self._generate_config()
        log = (self.directory / "synapse.out").open("wb")
        self._process = subprocess.Popen(
            [str(self.python), "-m", "synapse.app.homeserver", "-c", str(self.config)],
            cwd=self.directory,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as a whole
        )
        log.close()
        self._wait_healthy(60.0)
        return self

    def _generate_config(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                str(self.python),
                "-m",
                "synapse.app.homeserver",
                "--server-name",
                SERVER_NAME,
                "--config-path",
                str(self.config),
                "--generate-config",
                "--report-stats=no",
                "--data-directory",
                str(self.directory / "data"),
            ],
            cwd=self.directory,
            check=True,
            capture_output=True,
        )
        config: dict[str, Any] = yaml.safe_load(self.config.read_text())
        config["listeners"] = [
            {
                "port": self.port,
                "tls": False,
                "type": "http",
                "x_forwarded": False,
                "bind_addresses": ["127.0.0.1"],
                "resources": [{"names": ["client"], "compress": False}],
            }
        ]
        config.update(
            {
                "trusted_key_servers": [],
                "suppress_key_server_warning": True,
                "enable_registration": False,
                "url_preview_enabled": False,
                "presence": {"enabled": False},
                "refreshable_access_token_lifetime": self._access_token_lifetime,
                "rc_message": FAST,
                "rc_registration": FAST,
                "rc_login": {"address": FAST, "account": FAST, "failed_attempts": FAST},
                "rc_admin_redaction": FAST,
                "rc_joins": {"local": FAST, "remote": FAST},
                "rc_joins_per_room": FAST,
                "rc_invites": {"per_room": FAST, "per_user": FAST, "per_issuer": FAST},
                "rc_room_creation": FAST,
                "rc_reports": FAST,
            }
        )
        self.config.write_text(yaml.safe_dump(config))

    def _wait_healthy(self, timeout: float) -> None:
        assert self._process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"Synapse exited at start:\n{self.output()}")
            try:
                if self._http.get(self.base_url + "/health").text == "OK":
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"Synapse did not become healthy in {timeout:.0f} s:\n{self.output()}")

    def output(self) -> str:
        path = self.directory / "synapse.out"
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

    def register(self, localpart: str, password: str, *, admin: bool = False) -> MatrixUser:
        """A user made the way an operator makes one (the shared-secret registration)."""
        subprocess.run(
            [
                str(self.python),
                "-m",
                "synapse._scripts.register_new_matrix_user",
                "-c",
                str(self.config),
                "-u",
                localpart,
                "-p",
                password,
                "--admin" if admin else "--no-admin",
                self.base_url,
            ],
            check=True,
            capture_output=True,
        )
        token = self.api(
            "POST",
            CLIENT + "/login",
            None,
            {
                "type": "m.login.password",
                "identifier": {"type": "m.id.user", "user": localpart},
                "password": password,
            },
        )["access_token"]
        return MatrixUser(localpart, password, admin, str(token))

    # -- the client API, as other people's clients use it --------------------------------------

    def api(
        self,
        method: str,
        path: str,
        token: str | None,
        body: dict[str, Any] | None = None,
        params: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = self._http.request(
            method, self.base_url + path, json=body, params=params, headers=headers
        )
        if response.status_code != 200:
            raise AssertionError(f"{method} {path}: {response.status_code} {response.text}")
        answer: dict[str, Any] = response.json()
        return answer

    def create_room(self, owner: MatrixUser, name: str, alias: str) -> str:
        body = {"name": name, "preset": "public_chat", "room_alias_name": alias}
        return str(self.api("POST", CLIENT + "/createRoom", owner.access_token, body)["room_id"])

    def join(self, user: MatrixUser, room_id: str) -> None:
        self.api("POST", f"{CLIENT}/join/{quote(room_id, safe='')}", user.access_token, {})

    def say(self, user: MatrixUser, room_id: str, text: str, **content: Any) -> str:
        path = f"{CLIENT}/rooms/{quote(room_id, safe='')}/send/m.room.message/{time.time_ns()}"
        body = {"msgtype": "m.text", "body": text, **content}
        return str(self.api("PUT", path, user.access_token, body)["event_id"])

    def messages(self, user: MatrixUser, room_id: str) -> list[dict[str, Any]]:
        """The room's latest messages as the user sees them, newest first."""
        path = f"{CLIENT}/rooms/{quote(room_id, safe='')}/messages"
        params = {"dir": "b", "limit": "100", "filter": '{"types":["m.room.message"]}'}
        return list(self.api("GET", path, user.access_token, params=params)["chunk"])

    def event(self, user: MatrixUser, room_id: str, event_id: str) -> dict[str, Any]:
        path = f"{CLIENT}/rooms/{quote(room_id, safe='')}/event/{quote(event_id, safe='')}"
        return self.api("GET", path, user.access_token)

    def membership(self, user: MatrixUser, room_id: str, member: str) -> str:
        path = (
            f"{CLIENT}/rooms/{quote(room_id, safe='')}/state/m.room.member/{quote(member, safe='')}"
        )
        return str(self.api("GET", path, user.access_token)["membership"])
