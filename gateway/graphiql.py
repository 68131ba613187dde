"""GraphiQL's page: the query it opens with (Ana's customer-360 view, found by her phone number),
the development token it opens with, and its scripts and styles served by the gateway itself
(`/assets/vendor/`, see gateway/web.py) instead of unpkg.com: the machines it runs on reach no
CDN. The files are the same versions, so the page's subresource-integrity hashes still hold and
check that the vendored copies are the ones Strawberry's page names.

In development the page opens with an agent token in its Headers tab (a fresh one at each load),
so the schema, the Docs pane and the example query work at once; production serves no GraphiQL.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

EXAMPLE_QUERY = """# Welcome to omnigraph. Run this query with the play
# button (or Ctrl-Enter): Ana, found by her phone number,
# with every channel she used, in one request.
#
# Every request needs a token. Headers (below) holds a
# development token of a contact-centre agent; paste
# another there to see what its role sees:
#   {"Authorization": "Bearer <token>"}
# (`make demo` prints one per role). Add
#   "X-Omnigraph-Trace": "1"
# to see how many Cypher queries it took.

query AnaByPhone {
  customerByIdentifier(type: PHONE, value: "+351 912 345 678") {
    id
    givenName
    familyName
    identifiers { type value }
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
  }
}
"""

_EXAMPLE = re.compile(r"const EXAMPLE_QUERY = `.*?`;", re.DOTALL)
# the page's headers start from the URL (`?headers=`), else from what it was given
_HEADERS = "React.useState(parameters.headers)"
# https://unpkg.com/graphiql@3.8.3/graphiql.min.js -> /assets/vendor/graphiql/graphiql.min.js
_CDN = re.compile(r"https://unpkg\.com/((?:@[\w.-]+/)?[\w.-]+)@[\w.-]+/")
_REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""")


class PageChanged(RuntimeError):
    """Strawberry's GraphiQL page changed where this module edits it."""


class CdnLeft(PageChanged):
    """GraphiQL's page still names a CDN: Strawberry's page changed how it loads its assets."""


def is_page_request(method: str, headers: Mapping[str, str]) -> bool:
    """A browser opening the page: a GET that accepts HTML, whatever its query string (the page
    writes its query into the URL, so a reload or a shared link carries one)."""
    return method == "GET" and "text/html" in headers.get("accept", "")


def with_headers(html: str, headers: Mapping[str, str]) -> str:
    """The page with `headers` in its Headers tab unless its URL names others."""
    text = json.dumps(json.dumps(dict(headers), indent=2)).replace("</", "<\\/")
    if _HEADERS not in html:
        raise PageChanged("GraphiQL's page no longer starts its headers as this module expects")
    return html.replace(_HEADERS, f"React.useState(parameters.headers || {text})", 1)


def with_example_query(html: str) -> str:
    escaped = EXAMPLE_QUERY.replace("\\", "\\\\").replace("`", "\\`").replace("${", "\\${")
    return _EXAMPLE.sub(lambda _: f"const EXAMPLE_QUERY = `{escaped}`;", html, count=1)


def with_local_assets(html: str, base: str) -> str:
    """The page with every unpkg.com URL pointing under `base` (where vendor-web.sh copied them)."""
    local = _CDN.sub(lambda m: f"{base}/{m.group(1)}/", html)
    if _REMOTE.search(local):
        raise CdnLeft("GraphiQL's page names a CDN this gateway does not vendor")
    return local
