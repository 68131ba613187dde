# The omnigraph gateway. Neo4j runs in its own container (see docker-compose.yml).

# GraphiQL's assets, from npm (web/package-lock.json), as `make install` vendors them
FROM node:20-slim AS web
WORKDIR /src
COPY web/package.json web/package-lock.json ./web/
COPY scripts/vendor-web.sh ./scripts/
RUN scripts/vendor-web.sh

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml README.md ./
COPY graph ./graph
COPY resolvers ./resolvers
COPY schema ./schema
COPY gateway ./gateway
# the wheel carries them (pyproject's package-data): GraphiQL is served from the package
COPY --from=web /src/gateway/static/vendor ./gateway/static/vendor
RUN pip install . && rm -rf /app/graph /app/resolvers /app/schema /app/gateway \
  && useradd --system --uid 10001 omnigraph

USER omnigraph
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/readyz').status == 200 else 1)"
CMD ["omnigraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
