#!/usr/bin/env bash
# Installs Isso (the self-hosted comment server) for the end-to-end tests, under .peers/ at the
# repository root (ignored by git). Safe to run again: what is already installed is left as it is.
#
#   tests/peers/install_isso.sh    # Isso into .peers/isso-venv
#
# PYTHON chooses the interpreter for the venv (default: python3).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PEERS="$ROOT/.peers"
PYTHON="${PYTHON:-python3}"
ISSO_SPEC="isso>=0.14,<0.15"

install_isso() {
    local venv="$PEERS/isso-venv"
    if [ -x "$venv/bin/python" ] && [ -x "$venv/bin/isso" ] \
        && "$venv/bin/python" -c 'import isso' 2>/dev/null; then
        echo "Isso is already installed: $("$venv/bin/python" -c 'from importlib.metadata import version; print(version("isso"))')"
        return
    fi
    echo "Installing Isso into $venv ..."
    mkdir -p "$PEERS"
    rm -rf "$venv"
    "$PYTHON" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip install --quiet "$ISSO_SPEC"
    echo "Installed Isso $("$venv/bin/python" -c 'from importlib.metadata import version; print(version("isso"))')"
}

install_isso
