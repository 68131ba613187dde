#!/bin/sh
# GraphiQL and what its page loads, from npm (web/package-lock.json) into gateway/static/vendor/,
# which the gateway serves at /assets/vendor/: GraphiQL needs no CDN. Run by `make install`.
# These are the files Strawberry's GraphiQL page names (same versions, same SRI hashes).
# axe-core goes to tests/browser/vendor/: the browser tests' accessibility check injects it;
# the gateway never serves it.
set -eu
cd "$(dirname "$0")/.."
command -v npm >/dev/null || { echo "vendor-web: npm (Node 18+) is needed for GraphiQL's assets" >&2; exit 1; }
npm ci --prefix web --no-audit --no-fund --loglevel=error
out=gateway/static/vendor
rm -rf "$out"
for file in \
    react/umd/react.production.min.js \
    react-dom/umd/react-dom.production.min.js \
    js-cookie/dist/js.cookie.min.js \
    graphiql/graphiql.min.css \
    graphiql/graphiql.min.js \
    @graphiql/plugin-explorer/dist/style.css \
    @graphiql/plugin-explorer/dist/index.umd.js; do
    mkdir -p "$out/$(dirname "$file")"
    cp "web/node_modules/$file" "$out/$file"
done
mkdir -p tests/browser/vendor
cp web/node_modules/axe-core/axe.min.js tests/browser/vendor/axe.min.js
touch "$out/.installed"
