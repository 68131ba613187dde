"""A generated person's shopping: orders on every channel and their steps, and carts that
follow her across channels."""

from __future__ import annotations

from typing import Any

from graph.seed.catalogue import Row, Store
from graph.seed.person import DAY, HOUR, MINUTE, Person, all_products


class Shopping(Person):
    """Orders (`_order_<kind>`, one per kind of `journey.ORDER_KINDS`) and carts."""

    def _order_web(self) -> None:
        self._ship_order("WEB", self._web_ids(), source="shopify")

    def _order_app(self) -> None:
        if not self.has_app:
            self._order_web()
            return
        self._ship_order("MOBILE_APP", [("EMAIL", self.email)], device=self.phone_device,
                         source="app")  # fmt: skip

    def _order_call_center(self) -> None:
        self._ship_order("CALL_CENTER", [self._caller()], source="genesys")

    def _order_kiosk(self) -> None:
        store = self._store()
        kiosk = {"id": store.kiosk_id, "kind": "KIOSK"}
        self._ship_order("KIOSK", [self._shopper_id()], device=kiosk, store=store, paid=True)

    def _order_marketplace(self) -> None:
        source = self.rng.choice(("zalando", "amazon"))
        self._ship_order("MARKETPLACE", [("EMAIL", self.email)], source=source, points=False)

    def _ship_order(
        self, channel: str, ids: list[tuple[str, str]], *, device: dict[str, str] | None = None,
        store: Store | None = None, source: str | None = None, paid: bool = False,
        points: bool = True,
    ) -> None:  # fmt: skip
        """PLACED -> PAID -> SHIPPED -> DELIVERED (some CANCELLED, some RETURNED)."""
        rng = self.rng
        checkout = bool(self.cart) and channel in ("WEB", "MOBILE_APP") and rng.random() < 0.5
        order_id, lines = self._new_order(checkout)
        first = self._order_body(order_id, "PAID" if paid else "PLACED", lines, "SHIP", checkout)
        kw: dict[str, Any] = {"device": device, "store": store, "source": source}
        if paid:
            self._add_points(first, points)
        self._emit("order", channel, ids, first, **kw)
        step = self.t
        if not paid:
            step += rng.randint(2 * MINUTE, 2 * HOUR)
            if rng.random() < 0.08:
                self._step(order_id, "CANCELLED", channel, ids, step, **kw)
                return
            body = {"orderId": order_id, "status": "PAID"}
            self._add_points(body, points, at=step)
            self._emit("order", channel, ids, body, at=step, **kw)
        step += rng.randint(HOUR, 2 * DAY)
        self._step(order_id, "SHIPPED", channel, ids, step, **kw)
        step += rng.randint(DAY, 4 * DAY)
        self._step(order_id, "DELIVERED", channel, ids, step, **kw)
        if rng.random() < 0.1:
            step += rng.randint(3 * DAY, 14 * DAY)
            if rng.random() < 0.5:
                self._return_in_store(order_id, step)
            else:
                self._step(order_id, "RETURNED", channel, ids, step, **kw)

    def _order_bopis(self) -> None:
        """Placed online, READY_FOR_PICKUP and PICKED_UP in the store's own system."""
        rng = self.rng
        channel = "MOBILE_APP" if self.has_app and rng.random() < 0.5 else "WEB"
        ids = [("EMAIL", self.email)] if channel == "MOBILE_APP" else self._web_ids()
        device = self.phone_device if channel == "MOBILE_APP" else None
        checkout = bool(self.cart) and rng.random() < 0.4
        order_id, lines = self._new_order(checkout)
        store = self._store()
        body = self._order_body(order_id, "PLACED", lines, "PICKUP_IN_STORE", checkout)
        body["fulfillmentStoreId"] = store.id
        self._emit("order", channel, ids, body, device=device)
        step = self.t + rng.randint(2 * MINUTE, 30 * MINUTE)
        paid = {"orderId": order_id, "status": "PAID"}
        self._add_points(paid, True, at=step)
        self._emit("order", channel, ids, paid, at=step, device=device)
        step += rng.randint(4 * HOUR, 30 * HOUR)
        self._step(order_id, "READY_FOR_PICKUP", "STORE", [("EMAIL", self.email)], step,
                   store=store, source="pos")  # fmt: skip
        step += rng.randint(HOUR, 3 * DAY)
        self._step(order_id, "PICKED_UP", "STORE", [self._shopper_id()], step, store=store,
                   device=self._pos(store), source="pos")  # fmt: skip

    def _order_store(self, checkout: bool = False) -> None:
        store = self._store()
        order_id, lines = self._new_order(checkout)
        body = self._order_body(order_id, "PAID", lines, "IN_STORE", checkout)
        self._add_points(body, True)
        ids = [self._shopper_id(), ("PAYMENT_TOKEN", self.token)]
        self._emit("order", "STORE", ids, body, store=store, device=self._pos(store), source="pos")
        if self.rng.random() < 0.12:
            self._return_in_store(order_id, self.t + self.rng.randint(DAY, 20 * DAY))

    def _order_store_checkout(self) -> None:
        """Items put in the cart on the phone (or web), bought at the till: the cart is checked out."""
        for _ in range(self.rng.randint(1, 2)):
            self._advance(MINUTE, HOUR)
            self._cart_change(*self._cart_channel(), "ADD")
        self._advance(HOUR, 2 * DAY)
        self._order_store(checkout=True)

    def _return_in_store(self, order_id: str, at: int) -> None:
        store = self._store()
        self._step(order_id, "RETURNED", "STORE", [self._shopper_id()], at, store=store,
                   device=self._pos(store), source="pos")  # fmt: skip

    def _new_order(self, checkout: bool) -> tuple[str, list[Row]]:
        order_id = f"ord-{self.tag}-{len(self.orders) + 1}"
        self.orders.append((order_id, self.t))
        if checkout and self.cart:
            lines = [self._line(sku, quantity) for sku, (quantity, _) in sorted(self.cart.items())]
            self.cart = {}
        else:
            products = self.rng.sample(all_products(), self.rng.choice((1, 1, 2, 2, 3, 4)))
            lines = [self._line(p["sku"], self.rng.choice((1, 1, 1, 2))) for p in products]
        self.bought += [line["sku"] for line in lines]
        self.totals[order_id] = round(sum(li["quantity"] * li["unitPrice"] for li in lines), 2)
        return order_id, lines

    def _order_body(
        self, order_id: str, status: str, lines: list[Row], fulfillment: str, checkout: bool
    ) -> Row:
        total = self.totals[order_id]
        body: Row = {"orderId": order_id, "status": status, "currency": "EUR", "total": total,
                     "fulfillment": fulfillment, "lines": lines}  # fmt: skip
        if checkout:
            body["cartCheckout"] = True
        return body

    def _add_points(self, body: Row, allowed: bool, at: int | None = None) -> None:
        """Members earn a point per euro on most orders (on the event that takes the money)."""
        if not (allowed and self.member and self.rng.random() < 0.7):
            return
        points = int(self.totals[body["orderId"]])
        if points > 0:
            body["loyaltyPointsEarned"] = points
            self.moves.append((self.t if at is None else at, points))

    def _step(
        self, order_id: str, status: str, channel: str, ids: list[tuple[str, str]], at: int,
        **kw: Any,
    ) -> None:  # fmt: skip
        self._emit("order", channel, ids, {"orderId": order_id, "status": status}, at=at, **kw)

    def _line(self, sku: str, quantity: int) -> Row:
        product = next(p for p in all_products() if p["sku"] == sku)
        return {"sku": sku, "name": product["name"], "category": product["category"],
                "quantity": quantity, "unitPrice": product["price"]}  # fmt: skip

    def _fill_cart(self) -> None:
        channel, ids, device = self._cart_channel()
        self._advance(MINUTE, HOUR)
        sku = self._cart_change(channel, ids, device, "ADD")
        if self.rng.random() < 0.6:
            self._advance(MINUTE, HOUR)
            self._cart_change(channel, ids, device, "ADD")
        self._advance(MINUTE, DAY)
        channel, ids, device = self._cart_channel()  # the cart follows them across channels
        if self.rng.random() < 0.5:
            self._cart_change(channel, ids, device, "SET_QUANTITY", sku, 2)
        else:
            self._cart_change(channel, ids, device, "REMOVE", sku)

    def _cart_change(
        self, channel: str, ids: list[tuple[str, str]], device: dict[str, str] | None,
        action: str, sku: str | None = None, quantity: int = 1,
    ) -> str:  # fmt: skip
        if sku is None and len(self.cart) >= 4:  # an order has at most 4 lines
            sku = self.rng.choice(sorted(self.cart))
        if sku is None:
            sku = str(self.rng.choice(all_products())["sku"])
        price = self._line(sku, 1)["unitPrice"]
        body: Row = {"action": action, "sku": sku}
        if action == "REMOVE":
            self.cart.pop(sku, None)
        else:
            held = self.cart.get(sku, (0, price))[0]
            quantity = held + quantity if action == "ADD" else quantity
            self.cart[sku] = (quantity, price)
            body |= {"quantity": quantity if action == "SET_QUANTITY" else 1, "unitPrice": price}
            if quantity == 0:
                self.cart.pop(sku)
        self._emit("cart", channel, ids, body, device=device)
        return sku
