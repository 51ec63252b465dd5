#!/bin/sh
# install-deps.sh: installs exactly what is missing to build, test and run dangjian on Debian:
# apt packages (through sudo when not root) and npm packages (npm ci from package-lock.json).
# It does nothing when everything is present. Usage: tools/install-deps.sh [bench]
set -eu
cd "$(dirname "$0")/.."

PKGS="gcc make pkg-config clang-format cppcheck sqlite3 clang libclang-rt-14-dev
libmicrohttpd-dev libsqlite3-dev libsodium-dev libjansson-dev libxlsxwriter-dev libzip-dev
libexpat1-dev libpq-dev libssl-dev libqrencode-dev postgresql
chromium fonts-noto-cjk"
[ "${1:-}" = bench ] && PKGS="$PKGS nginx-light wrk"

# Node.js may come from Debian or from NodeSource (whose nodejs bundles npm and conflicts
# with Debian's npm package): ask for the packages only when the commands are missing.
command -v node >/dev/null 2>&1 || PKGS="$PKGS nodejs"
command -v npm >/dev/null 2>&1 || PKGS="$PKGS npm"

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done

if [ -n "$missing" ]; then
    echo "install-deps: apt-get install$missing"
    if [ "$(id -u)" -eq 0 ]; then
        SUDO=""
    elif command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install-deps: need root or sudo to install:$missing" >&2
        exit 1
    fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

# npm: only when the lock file changed since the last install.
if [ -f package-lock.json ]; then
    if [ ! -f node_modules/.package-lock.json ] ||
        [ package-lock.json -nt node_modules/.package-lock.json ]; then
        echo "install-deps: npm ci"
        npm ci --no-audit --no-fund --loglevel=error
    fi
fi
