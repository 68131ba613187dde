#!/usr/bin/env bash
# Validate docker-compose.yml with `docker compose config` (or docker-compose v1), installing
# Debian's docker-compose when neither is present and we may (root, apt). No engine is needed.
set -euo pipefail
cd "$(dirname "$0")/.."
if docker compose version >/dev/null 2>&1; then
  exec docker compose -f docker-compose.yml config --quiet
fi
if ! command -v docker-compose >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get install -y -qq docker-compose >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null && apt-get install -y -qq docker-compose >/dev/null; })
  else
    echo "check-compose: neither 'docker compose' nor 'docker-compose' is installed" >&2
    exit 1
  fi
fi
docker-compose -f docker-compose.yml config --quiet
echo "docker-compose.yml is valid"
