#!/bin/sh
# The browser tests (tests/browser/) drive Debian's chromium with Playwright: no browser download.
# Installs it when missing (apt-get, as root or through sudo). Run by `make test`.
set -eu
CHROMIUM=${OMNIGRAPH_CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] && exit 0
if [ "$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; else
    echo "ensure-chromium: $CHROMIUM is missing; install Debian's chromium (apt-get install chromium)" >&2
    exit 1
fi
# another apt run (a shared machine) holds the lock for a while: wait for it rather than fail
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium
