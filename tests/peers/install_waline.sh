#!/usr/bin/env bash
# Installs the Waline comment server (npm @waline/vercel) for the end-to-end tests, under .peers/
# at the repository root (ignored by git). Safe to run again: what is already installed is left
# as it is.
#
#   tests/peers/install_waline.sh    # @waline/vercel into .peers/waline/node_modules
#
# sqlite3 has no prebuilt binary without internet access, so node-gyp compiles it (about three
# minutes). node-gyp needs the Node headers: NODEDIR (default /usr, where the nodesource package
# puts include/node) is passed to it so it never tries to download them.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PEERS="$ROOT/.peers"
DIR="$PEERS/waline"
WALINE_SPEC="@waline/vercel@1.39.3"
export npm_config_nodedir="${NODEDIR:-/usr}"

installed() {
    [ -f "$DIR/node_modules/@waline/vercel/package.json" ] \
        && [ -f "$DIR/node_modules/sqlite3/build/Release/node_sqlite3.node" ]
}

install_waline() {
    if installed; then
        echo "Waline is already installed: $(node -p "require('$DIR/node_modules/@waline/vercel/package.json').version")"
        return
    fi
    if ! command -v npm >/dev/null && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        echo "Installing Node.js and npm from apt for Waline ..."
        apt-get install -y nodejs npm make g++ >/dev/null
    fi
    command -v npm >/dev/null || {
        echo "Node.js and npm are needed to install Waline (Debian/Ubuntu: apt install nodejs npm)" >&2
        exit 1
    }
    echo "Installing Waline ($WALINE_SPEC) into $DIR (compiles sqlite3, a few minutes) ..."
    local started=$SECONDS
    mkdir -p "$DIR"
    cd "$DIR"
    [ -f package.json ] || npm init -y >/dev/null
    npm install "$WALINE_SPEC" --no-audit --no-fund
    if ! installed; then
        echo "Waline was installed but the sqlite3 binding was not built" >&2
        exit 1
    fi
    echo "Installed Waline $(node -p "require('$DIR/node_modules/@waline/vercel/package.json').version") in $((SECONDS - started)) s"
}

install_waline
