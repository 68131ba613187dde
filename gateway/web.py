"""What the gateway serves to browsers besides `/graphql`: the clienteling app and GraphiQL's assets.

- `/clienteling/`: the store associates' app (plain HTML and JS in `gateway/static/clienteling/`,
  no build step). It calls `/graphql` with the token pasted at its login screen.
- `/clienteling/dev-token` (development mode only, never with `OMNIGRAPH_ENV=production`): a
  demo associate token of `store-lisbon-1`, so the login screen can offer a one-click sign-in.
- `/assets/vendor/`: GraphiQL, React and the explorer plugin, vendored from npm by `make install`
  (`web/package.json`, `scripts/vendor-web.sh`): the machines serving or testing it reach no CDN.
  Production serves no GraphiQL, so nothing there either.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from gateway.settings import Settings

STATIC = Path(__file__).parent / "static"
CLIENTELING = STATIC / "clienteling"
VENDOR = STATIC / "vendor"  # built by `make install`, git-ignored
VENDOR_URL = "/assets/vendor"

DEV_STORE = "store-lisbon-1"
DEV_TOKEN_TTL = 8 * 3600


def web_routes(settings: Settings) -> list[BaseRoute]:
    routes: list[BaseRoute] = []
    if not settings.production:
        routes.append(Route("/clienteling/dev-token", _dev_token(settings), methods=["GET"]))
        # check_dir=False: a gateway started before `make install` vendored them still starts
        routes.append(Mount(VENDOR_URL, StaticFiles(directory=VENDOR, check_dir=False)))
    routes.append(Mount("/clienteling", StaticFiles(directory=CLIENTELING, html=True)))
    return routes


def _dev_token(settings: Settings) -> Callable[[Request], Awaitable[Response]]:
    async def dev_token(request: Request) -> Response:
        from gateway.tokens import CannotMint, mint_token
        from resolvers.principal import Role

        try:
            token = mint_token(
                settings, Role.ASSOCIATE, store_id=DEV_STORE, ttl=DEV_TOKEN_TTL,
                subject="demo-associate",
            )  # fmt: skip
        except CannotMint as error:  # a JWKS-only gateway: tokens come from the IdP
            return JSONResponse({"error": str(error)}, 404)
        return JSONResponse(
            {"token": token, "role": "associate", "storeId": DEV_STORE},
            headers={"cache-control": "no-store"},
        )

    return dev_token
