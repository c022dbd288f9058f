from __future__ import annotations

from collections.abc import Iterator

import keyring
import keyring.backends.fail
import pytest

from desktop.secrets import KeyringUnavailable, SourceSecrets, keyring_available
from tests.support.platform import MemoryKeyring


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(previous)


def test_without_a_keyring_the_message_says_what_to_do(no_keyring: None) -> None:
    assert not keyring_available()
    secrets = SourceSecrets(3)
    with pytest.raises(KeyringUnavailable) as raised:
        secrets.set("access_token", "tok-secret-123")
    message = str(raised.value)
    assert "system keyring" in message and "gnome-keyring" in message
    assert "tok-secret-123" not in message
    with pytest.raises(KeyringUnavailable):
        secrets.get("access_token")


def test_secrets_are_kept_per_source_under_the_steward_service() -> None:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        SourceSecrets(1).set("refresh_token", "one")
        SourceSecrets(2).set("refresh_token", "two")
        assert SourceSecrets(1).get("refresh_token") == "one"
        assert backend.passwords == {
            ("Steward", "source-1:refresh_token"): "one",
            ("Steward", "source-2:refresh_token"): "two",
        }
        SourceSecrets(1).delete("refresh_token")
        SourceSecrets(1).delete("refresh_token")  # deleting twice is not an error
        assert SourceSecrets(1).get("refresh_token") is None
    finally:
        keyring.set_keyring(previous)
