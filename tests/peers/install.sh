#!/usr/bin/env bash
# Installs the real servers the end-to-end tests run against, under .peers/ at the repository
# root (ignored by git): one tests/peers/install_<peer>.sh per server. Safe to run again: what
# is already installed is left as it is.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for script in "$here"/install_*.sh; do
    bash "$script"
done
