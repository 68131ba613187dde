# The omnigraph gateway. Neo4j runs in its own container (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml README.md ./
COPY graph ./graph
COPY resolvers ./resolvers
COPY schema ./schema
COPY gateway ./gateway
RUN pip install . && useradd --system --uid 10001 omnigraph

USER omnigraph
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/readyz').status == 200 else 1)"
CMD ["omnigraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
