// The store's day: orders ready for pickup, who came in today, who has not been back. Each
// person opens their screen.

import { chip, empty, h, panel } from "./dom.js";
import * as f from "./format.js";

/** The home screen of `store`; `open(customerId)` opens a customer. */
export function renderHome(store, open) {
  const person = (c, ...detail) =>
    h("button", { type: "button", class: "person", "data-testid": "open-customer", "data-customer": c.id, onclick: () => open(c.id) },
      h("span", { class: "who" }, f.fullName(c), c.loyalty?.tier && c.loyalty.tier !== "BASIC" ? chip(f.tier(c.loyalty.tier), "tier") : null),
      h("span", { class: "muted" }, ...detail));

  const pickups = store.pickupsReady ?? [];
  const visits = store.visitsToday ?? [];
  const lapsed = store.lapsedCustomers ?? [];
  return h("div", { class: "home" },
    h("h1", { class: "screen-title", tabindex: "-1", "data-testid": "store-title" }, `${store.name ?? store.id}: today`),
    h("div", { class: "lists" },
      panel(`Ready for pickup (${pickups.length})`, "pickups",
        pickups.length === 0
          ? empty("No order is waiting to be picked up here.")
          : h("ul", { class: "plain people" }, pickups.map(({ order, customer }) => {
              const ready = order.statusHistory.findLast((s) => s.status === "READY_FOR_PICKUP");
              const what = order.lines.map((l) => l.product?.name ?? l.sku).join(", ");
              return h("li", { "data-testid": "pickup" },
                customer
                  ? person(customer, `${what} · ${order.id} · ready ${ready ? f.ago(ready.at) : ""}`)
                  : h("span", {}, `${what} · ${order.id}`));
            }))),
      panel(`Came in today (${visits.length})`, "visits",
        visits.length === 0
          ? empty("Nobody has checked in yet today. Look a customer up above when she comes in.")
          : h("ul", { class: "plain people" }, visits.map((c) =>
              h("li", { "data-testid": "visit" },
                person(c, c.stats?.orderCount ? `${c.stats.orderCount} orders` : "no order yet"))))),
      panel("Worth a call", "lapsed",
        h("p", { class: "muted" }, "Bought here, but no order anywhere for six months."),
        lapsed.length === 0
          ? empty("Everyone who shops here has ordered recently.")
          : h("ul", { class: "plain people" }, lapsed.map((c) => {
              const last = c.orders?.edges?.[0]?.node?.placedAt;
              const call = c.consents?.find((x) => x.purpose === "MARKETING" && (x.channel === "PHONE" || x.channel === "ALL"));
              return h("li", { "data-testid": "lapsed" },
                person(c,
                  `last order ${last ? f.when(last, { time: false }) : "long ago"} · ${f.money(c.stats?.lifetimeValue, "EUR")} in all`,
                  call && !call.granted ? " · asked not to be called with offers" : ""));
            })))));
}
