"""`omnigraph`: the one command for operators, the Makefile and the tests.

omnigraph neo4j start|stop|status   the local Neo4j (when NEO4J_URI is not set)
omnigraph migrate                   apply pending schema migrations
omnigraph seed --customers N --seed S
omnigraph serve [--host H] [--port P]
omnigraph export-schema [--check]   write (or check) schema/schema.graphql
omnigraph token --role ROLE [--store ID] [--customer ID] [--ttl SECONDS]
omnigraph apikey create NAME        an ingestion API key, shown once
omnigraph demo-tokens               one short-lived token per role, with a curl example each
omnigraph export CUSTOMER_ID [--out FILE]   everything held about a person, as JSON
omnigraph documents register FOLDER [--manifest FILE]   trusted documents from .graphql files
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Sequence

from gateway import cli_access as access
from gateway import cli_graph
from gateway.settings import Settings
from graph.driver import GraphUnreachable
from graph.local_neo4j import LocalNeo4jError


def _serve(settings: Settings, host: str, port: int) -> int:
    import uvicorn

    from gateway.app import UnsafeSettings, create_app
    from graph.driver import GraphUnreachable, open_reachable_driver
    from graph.migrations import MigrationsBehind, ensure_current

    async def check() -> None:
        try:
            driver = await open_reachable_driver(
                settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password
            )
        except GraphUnreachable as error:  # the gateway waits for it (gateway/readiness.py)
            print(f"omnigraph: {error}; /readyz answers 503 until it answers", file=sys.stderr)
            return
        try:
            await ensure_current(driver, settings.neo4j_database)
        finally:
            await driver.close()

    try:
        asyncio.run(check())
        app = create_app(settings)
    except (MigrationsBehind, UnsafeSettings) as error:
        print(f"omnigraph: refusing to serve: {error}", file=sys.stderr)
        return 1
    base = f"http://{host}:{port}"
    if settings.production:
        print(f"omnigraph: serving the API at {base}/graphql (no GraphiQL in production)")
    else:
        print(f"omnigraph: GraphiQL at {base}/graphql, the clienteling app at {base}/clienteling/")
    sys.stdout.flush()
    # uvicorn would take `X-Forwarded-For` from any local peer as the client's address, and
    # rotating it would dodge the failed-login limit: only configured proxies are believed
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=False,
                proxy_headers=bool(settings.trusted_proxies),
                forwarded_allow_ips=settings.trusted_proxies or None)  # fmt: skip
    return 0


def _export_schema(check: bool) -> int:
    from schema import SDL_PATH, sdl

    current = sdl()
    if check:
        committed = SDL_PATH.read_text() if SDL_PATH.exists() else ""
        if committed != current:
            print(
                f"{SDL_PATH} is out of date with the code: run `omnigraph export-schema` "
                "and commit the result",
                file=sys.stderr,
            )
            return 1
        print(f"{SDL_PATH} matches the code")
        return 0
    SDL_PATH.write_text(current)
    print(f"wrote {SDL_PATH}")
    return 0


# the Makefile's HOST and PORT (`PORT=8001 make demo`), so the printed URLs are the served ones
_HOST = os.environ.get("HOST") or "127.0.0.1"
_PORT = int(os.environ.get("PORT") or 8000)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of seconds") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number of seconds")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="omnigraph", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    neo4j = commands.add_parser("neo4j", help="manage the local Neo4j server")
    neo4j.add_argument("action", choices=["start", "stop", "status", "install"])
    commands.add_parser("migrate", help="apply pending schema migrations")
    seed = commands.add_parser(
        "seed", help="deterministic omni-channel demo data, through the ingestion pipeline"
    )
    seed.add_argument("--customers", type=int, default=100, help="generated people")
    seed.add_argument("--seed", type=int, default=42)
    seed.add_argument("--emit", metavar="FILE", help="write the events as JSONL, load nothing")
    seed.add_argument(
        "--bulk",
        action="store_true",
        help="generate and load block by block, memory flat (benchmark-sized sets)",
    )
    seed.add_argument(
        "--no-story",
        action="store_true",
        help="leave out the demo's day in the store (graph/seed/story.py), timed back from now",
    )
    imports = commands.add_parser("import", help="apply a JSONL file of events (- for stdin)")
    imports.add_argument("file")
    imports.add_argument("--errors", help="also write rejected lines as JSON lines to this file")
    imports.add_argument("--no-progress", action="store_true")
    imports.add_argument(
        "--batch-size", type=int, default=1000, help="events per transaction (default 1000)"
    )
    serve = commands.add_parser("serve", help="serve the GraphQL gateway")
    serve.add_argument("--host", default=_HOST, help="default: $HOST or 127.0.0.1")
    serve.add_argument("--port", type=int, default=_PORT, help="default: $PORT or 8000")
    export = commands.add_parser("export-schema", help="write schema/schema.graphql")
    export.add_argument("--check", action="store_true", help="fail if the file is out of date")
    token = commands.add_parser("token", help="mint a bearer token with OMNIGRAPH_JWT_SECRET")
    token.add_argument(
        "--role",
        required=True,
        choices=["customer", "associate", "agent", "analyst", "admin", "ingest"],
    )
    token.add_argument("--store", help="store id (required for associates)")
    token.add_argument("--customer", help="customer id (required for customers)")
    token.add_argument(
        "--ttl", type=_positive, default=3600, help="seconds the token is valid (default 3600)"
    )
    apikey = commands.add_parser("apikey", help="API keys of channel systems (ingestion only)")
    apikey.add_argument("action", choices=["create"])
    apikey.add_argument("name", help="who the key is for, e.g. pos-lisbon")
    export_person = commands.add_parser("export", help="everything held about a person (JSON)")
    export_person.add_argument("customer_id")
    export_person.add_argument("--out", help="write to this file instead of stdout")
    documents = commands.add_parser("documents", help="trusted documents (registered operations)")
    documents.add_argument("action", choices=["register"])
    documents.add_argument("folder", help="a folder of .graphql files (searched recursively)")
    documents.add_argument("--manifest", help="default: OMNIGRAPH_TRUSTED_DOCUMENTS")
    demo = commands.add_parser("demo-tokens", help="one short-lived token per role")
    demo.add_argument("--host", default=_HOST, help="default: $HOST or 127.0.0.1")
    demo.add_argument("--port", type=int, default=_PORT, help="default: $PORT or 8000")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = Settings.from_env()
    try:
        if args.command == "neo4j":
            return cli_graph.neo4j(settings, args.action)
        if args.command == "migrate":
            return asyncio.run(cli_graph.migrate(settings))
        if args.command == "seed":
            return asyncio.run(cli_graph.seed(settings, args))
        if args.command == "import":
            return asyncio.run(
                cli_graph.import_events(
                    settings, args.file, args.errors, not args.no_progress, args.batch_size
                )
            )
        if args.command == "serve":
            return _serve(settings, args.host, args.port)
        if args.command == "token":
            return access.token(settings, args)
        if args.command == "apikey":
            return asyncio.run(access.apikey(settings, args.name))
        if args.command == "documents":
            return access.register_documents(settings, args.folder, args.manifest)
        if args.command == "export":
            return asyncio.run(access.export(settings, args.customer_id, args.out))
        if args.command == "demo-tokens":
            return access.demo_tokens(settings, args.host, args.port)
        return _export_schema(args.check)
    except (LocalNeo4jError, GraphUnreachable) as error:
        print(f"omnigraph: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"omnigraph: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
