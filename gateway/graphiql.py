"""GraphiQL's page: the query it opens with (Ana's customer-360 view, found by her phone number),
and its scripts and styles served by the gateway itself (`/assets/vendor/`, see gateway/web.py)
instead of unpkg.com: the machines it runs on reach no CDN. The files are the same versions, so
the page's subresource-integrity hashes still hold and check that the vendored copies are the
ones Strawberry's page names."""

from __future__ import annotations

import re

EXAMPLE_QUERY = """# Welcome to omnigraph. Press the play button (or Ctrl-Enter) to run this query:
# Ana, found by her phone number, with every channel she used, in one request.
# Every request needs a token: open Headers below and paste
#   {"Authorization": "Bearer <token>"}
# with a token `make demo` printed, or one from `omnigraph token --role agent`.
# Add "X-Omnigraph-Trace": "1" to see how many Cypher queries it took.

query AnaByPhone {
  customerByIdentifier(type: PHONE, value: "+351 912 345 678") {
    id
    givenName
    familyName
    identifiers { type value }
    devices { id kind os }
    stats { lifetimeValue orderCount channels preferredChannel lastChannel }
    orders(first: 5) {
      totalCount
      edges {
        node {
          id channel status placedAt total currency fulfillment
          fulfillmentStore { name }
          statusHistory { status channel at store { id } }
          lines { quantity unitPrice product { sku name category } }
        }
      }
    }
    cart { items { sku quantity product { name } } updatedAt lastChannel }
    supportCases { id status subject channels messages { channel at text } }
    consents { purpose channel granted at }
    loyalty { points tier }
    timeline(first: 10) { edges { node { at channel kind summary } } }
  }
}
"""

_EXAMPLE = re.compile(r"const EXAMPLE_QUERY = `.*?`;", re.DOTALL)
# https://unpkg.com/graphiql@3.8.3/graphiql.min.js -> /assets/vendor/graphiql/graphiql.min.js
_CDN = re.compile(r"https://unpkg\.com/((?:@[\w.-]+/)?[\w.-]+)@[\w.-]+/")
_REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""")


class CdnLeft(RuntimeError):
    """GraphiQL's page still names a CDN: Strawberry's page changed how it loads its assets."""


def with_example_query(html: str) -> str:
    escaped = EXAMPLE_QUERY.replace("\\", "\\\\").replace("`", "\\`").replace("${", "\\${")
    return _EXAMPLE.sub(lambda _: f"const EXAMPLE_QUERY = `{escaped}`;", html, count=1)


def with_local_assets(html: str, base: str) -> str:
    """The page with every unpkg.com URL pointing under `base` (where vendor-web.sh copied them)."""
    local = _CDN.sub(lambda m: f"{base}/{m.group(1)}/", html)
    if _REMOTE.search(local):
        raise CdnLeft("GraphiQL's page names a CDN this gateway does not vendor")
    return local
