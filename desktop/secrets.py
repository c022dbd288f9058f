"""Credentials live in the OS keyring and nowhere else: not in the database, the settings, the
logs, the exports, or the text of any error."""

from __future__ import annotations

import keyring
import keyring.backends.fail
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError

SERVICE = "Steward"

NO_KEYRING_HELP = (
    "Steward keeps account credentials only in the system keyring, and this session has none. "
    "On a Linux desktop, install and unlock GNOME Keyring or KWallet (Debian/Ubuntu: "
    "apt install gnome-keyring). On a machine without a desktop session, see the README's "
    '"Credentials without a desktop keyring" section.'
)


class KeyringUnavailable(RuntimeError):
    """No keyring backend is usable; the message says what to do about it."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(NO_KEYRING_HELP + (f" ({detail})" if detail else ""))


def keyring_available() -> bool:
    backend = keyring.get_keyring()
    return not isinstance(backend, keyring.backends.fail.Keyring) and backend.priority > 0


class SourceSecrets:
    """One source's secrets (tokens, passwords), keyed in the keyring by the source id."""

    def __init__(self, source_id: int) -> None:
        self._prefix = f"source-{source_id}"

    def _user(self, name: str) -> str:
        return f"{self._prefix}:{name}"

    def get(self, name: str) -> str | None:
        try:
            return keyring.get_password(SERVICE, self._user(name))
        except NoKeyringError:
            raise KeyringUnavailable() from None
        except KeyringError as error:
            raise KeyringUnavailable(type(error).__name__) from None

    def set(self, name: str, value: str) -> None:
        try:
            keyring.set_password(SERVICE, self._user(name), value)
        except NoKeyringError:
            raise KeyringUnavailable() from None
        except KeyringError as error:
            raise KeyringUnavailable(type(error).__name__) from None

    def delete(self, name: str) -> None:
        try:
            keyring.delete_password(SERVICE, self._user(name))
        except PasswordDeleteError:
            pass
        except KeyringError as error:
            raise KeyringUnavailable(type(error).__name__) from None
