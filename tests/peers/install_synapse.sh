#!/usr/bin/env bash
# Installs Synapse (the Matrix homeserver) for the end-to-end tests, under .peers/ at the repository
# root (ignored by git). Safe to run again: what is already installed is left as it is.
#
#   tests/peers/install_synapse.sh    # Synapse (Matrix homeserver) into .peers/synapse-venv
#
# PYTHON chooses the interpreter for the venv (default: python3; Synapse needs 3.9 or newer).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PEERS="$ROOT/.peers"
PYTHON="${PYTHON:-python3}"
SYNAPSE_SPEC="matrix-synapse>=1.100,<2"

install_synapse() {
    local venv="$PEERS/synapse-venv"
    if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import synapse' 2>/dev/null \
        && [ -x "$venv/bin/register_new_matrix_user" ]; then
        echo "Synapse is already installed: $("$venv/bin/python" -c 'import synapse; print(synapse.__version__)')"
        return
    fi
    echo "Installing Synapse into $venv ..."
    mkdir -p "$PEERS"
    rm -rf "$venv"
    "$PYTHON" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip install --quiet "$SYNAPSE_SPEC"
    echo "Installed Synapse $("$venv/bin/python" -c 'import synapse; print(synapse.__version__)')"
}

install_synapse
