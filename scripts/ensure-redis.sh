#!/usr/bin/env bash
# The live-update tests start their own `redis-server`: install Debian's when it is missing and we
# may (root, apt), as CI runs on a clean machine. Fails loudly otherwise: those tests never skip.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  (apt-get install -y -qq --no-install-recommends redis-server >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends redis-server >/dev/null; })
  # the package starts a system-wide server on 6379 where it can: the tests start their own
  if command -v service >/dev/null 2>&1; then service redis-server stop >/dev/null 2>&1 || true; fi
fi
if ! command -v redis-server >/dev/null 2>&1; then
  echo "ensure-redis: redis-server is not installed and cannot be (install Debian's redis-server)" >&2
  exit 1
fi
echo "redis-server: $(redis-server --version | cut -d' ' -f3)"
