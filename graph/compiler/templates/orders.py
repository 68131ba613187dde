"""An order: its lines, its status history, its journey across channels and stores."""

from __future__ import annotations

from graph.compiler.templates.template import ID_KEYS, Sub, Template, props

TEMPLATES: dict[tuple[str, str], Template] = {
    ("Order", "id"): Template(ID_KEYS),
    **{("Order", f): props(f) for f in ("channel", "status", "fulfillment", "placedAt")},
    ("Order", "currency"): props("currency"),
    ("Order", "total"): props("total"),
    ("Order", "lines"): Template(
        {"lines": Sub("MATCH (@v)-[@c_r:CONTAINS]->(@c:Product) WITH @c_r, @c ORDER BY @c_r.line")}
    ),
    ("OrderLine", "sku"): props("sku"),
    ("OrderLine", "quantity"): Template({"quantity": "@v_r.quantity"}),
    ("OrderLine", "unitPrice"): Template({"unitPrice": "@v_r.unitPrice"}),
    ("OrderLine", "product"): Template({"product": "@child"}, same_node=True),
    ("Order", "statusHistory"): Template(
        {
            "statusHistory": Sub(
                "MATCH (@v)-[:HAS_STATUS]->(@c:OrderStatus) WITH @c ORDER BY @c.at, @c.id"
            )
        }
    ),
    ("Order", "journey"): Template(
        {
            "journeySteps": Sub(
                "MATCH (@v)-[:HAS_STATUS]->(@c:OrderStatus) WITH @c ORDER BY @c.at, @c.id",
                "collect(@c {.status, .channel, .storeId})",
            ),
            "fulfillmentStoreId": "head([(@v)-[:FULFILLED_AT]->(@v_f:Store) | @v_f.id])",
        }
    ),
    ("OrderStatusStep", "status"): props("status"),
    ("OrderStatusStep", "channel"): props("channel"),
    ("OrderStatusStep", "at"): props("at"),
    ("OrderStatusStep", "store"): Template(
        {"store": Sub("MATCH (@c:Store {id: @v.storeId})", "head(collect(@child))")}
    ),
    ("Order", "store"): Template(
        {"store": Sub("MATCH (@v)-[:AT_STORE]->(@c:Store)", "head(collect(@child))")}
    ),
    ("Order", "fulfillmentStore"): Template(
        {"fulfillmentStore": Sub("MATCH (@v)-[:FULFILLED_AT]->(@c:Store)", "head(collect(@child))")}
    ),
}
