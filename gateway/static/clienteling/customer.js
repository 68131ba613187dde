// The customer's screen: who she is and what she did on every channel, panel by panel, from one
// request; the note and important-date forms write through the API and show the result at once.

import { chip, empty, h, panel } from "./dom.js";
import * as f from "./format.js";

/** The whole screen for `c`; `actions.addNote(text)` and `actions.addDate(kind, date)` write. */
export function renderCustomer(c, actions) {
  return h("div", { class: "customer" },
    renderProfile(c),
    h("div", { class: "columns" },
      h("div", { class: "column" },
        renderContact(c),
        renderSizes(c),
        renderDates(c.importantDates, actions),
        renderNotes(c.notes, actions)),
      h("div", { class: "column wide" },
        renderCart(c.cart),
        renderOrders(c.orders),
        renderCases(c.openCases),
        renderRecommendations(c.recommendations, c.personalization),
        renderLoyalty(c.loyalty),
        renderTimeline(c.timeline))));
}

function renderProfile(c) {
  const stats = c.stats ?? {};
  return h("section", { class: "card profile", "data-testid": "profile", "aria-labelledby": "customer-name" },
    h("h1", { id: "customer-name", tabindex: "-1", "data-testid": "customer-name" }, f.fullName(c)),
    h("p", { class: "facts" },
      c.loyalty?.tier && chip(`${f.tier(c.loyalty.tier)} member`, "tier"),
      stats.rfmSegment && chip(f.segment(stats.rfmSegment), "segment"),
      h("span", { "data-testid": "lifetime" },
        stats.orderCount
          ? `${stats.orderCount} ${stats.orderCount === 1 ? "order" : "orders"}, ${f.money(stats.lifetimeValue, "EUR")} in all`
          : "No orders yet"),
      stats.lastSeen && h("span", {}, `Last seen ${f.when(stats.lastSeen)}`)),
    stats.channels?.length > 0 && h("p", { class: "facts" },
      h("span", { class: "label" }, "Shops on"),
      h("span", { class: "chips", "data-testid": "channels" }, stats.channels.map((ch) => chip(f.channel(ch)))),
      stats.preferredChannel && h("span", { class: "muted" }, `mostly ${f.channel(stats.preferredChannel)}`)));
}

// --- may we contact her? ----------------------------------------------------------------------

const CONTACT_WAYS = [
  ["EMAIL", "E-mail", "EMAIL"],
  ["SMS", "Text (SMS)", "PHONE"],
  ["PHONE", "Phone call", "PHONE"],
];

/** Her answer about offers on `way`: the specific consent, else one for ALL channels. */
function marketing(consents, way) {
  const of = (channel) => consents.find((x) => x.purpose === "MARKETING" && x.channel === channel);
  return of(way) ?? of("ALL");
}

function renderContact(c) {
  const consents = c.consents ?? [];
  const value = (type) => c.identifiers.find((i) => i.type === type)?.value;
  const loyalty = value("LOYALTY_ID");
  return panel("Contact and consent", "contact",
    h("ul", { class: "plain consent" },
      CONTACT_WAYS.map(([way, label, identifier]) => {
        const consent = marketing(consents, way);
        const answer = consent === undefined ? "not asked" : consent.granted ? "yes" : "no";
        return h("li", { "data-testid": `consent-${way}`, class: `answer-${answer.replace(" ", "-")}` },
          h("span", { class: "way" }, label),
          h("span", { class: "contact-value", "data-testid": `identifier-${identifier}` }, value(identifier) ?? "none on file"),
          h("span", { class: "answer" },
            consent === undefined ? "Offers: not asked yet" : consent.granted ? "Offers: yes" : "Offers: no, do not send"),
          consent?.at && h("span", { class: "muted" }, `since ${f.when(consent.at, { time: false })}`));
      })),
    h("p", { class: "muted" }, loyalty ? `Loyalty card ${loyalty}` : "No loyalty card yet"));
}

function renderSizes(c) {
  if (!c.personalization) {
    return panel("Sizes and preferences", "sizes",
      empty("She asked us not to personalise: her sizes and preferences are not shown."));
  }
  const rows = [...Object.entries(c.sizes ?? {}), ...Object.entries(c.preferences ?? {})];
  const sizeCount = Object.keys(c.sizes ?? {}).length;
  return panel("Sizes and preferences", "sizes",
    rows.length === 0
      ? empty("Nothing recorded yet. Ask her, and write it in a note below.")
      : h("dl", { class: "kv" },
          rows.map(([key, value], index) => [
            h("dt", {}, f.humanize(key), index < sizeCount ? " size" : ""),
            h("dd", { "data-testid": `size-${key}` }, typeof value === "string" ? value : JSON.stringify(value))])));
}

// --- important dates and notes: read and written here -------------------------------------------

const DATE_KINDS = ["Birthday", "Anniversary", "Wedding anniversary", "Name day", "Graduation"];

function renderDates(dates, actions) {
  const list = h("ul", { class: "plain", "data-testid": "date-list" }, dates.map(dateItem));
  const kind = h("input", { id: "date-kind", name: "kind", list: "date-kinds", required: true, maxlength: 64, autocomplete: "off", "data-testid": "date-kind" });
  const date = h("input", { id: "date-date", name: "date", type: "date", required: true, "data-testid": "date-date" });
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const form = h("form", { class: "stack", "data-testid": "date-form", onsubmit: async (event) => {
    event.preventDefault();
    error.hidden = true;
    try {
      const added = await actions.addDate(kind.value, date.value);
      list.querySelector(".empty")?.remove();
      const after = [...list.children].find((li) => li.dataset.next > added.nextOccurrence);
      list.insertBefore(dateItem(added), after ?? null);
      form.reset();
      kind.focus();
    } catch (e) {
      error.textContent = `The date was not saved: ${e.message}`;
      error.hidden = false;
    }
  } },
    h("div", { class: "row" },
      h("label", { for: "date-kind" }, "What", kind),
      h("label", { for: "date-date" }, "Date", date),
      h("button", { type: "submit", "data-testid": "date-add" }, "Add date")),
    h("datalist", { id: "date-kinds" }, DATE_KINDS.map((k) => h("option", { value: k }))),
    error);
  if (dates.length === 0) list.append(h("li", { class: "empty" }, "No dates yet: a birthday or an anniversary is worth a message."));
  return panel("Important dates", "dates", list, form);
}

function dateItem(d) {
  const soon = f.inDays(d.nextOccurrence);
  return h("li", { "data-testid": "important-date", "data-next": d.nextOccurrence },
    h("b", {}, f.dateKind(d.kind)), " ",
    h("span", {}, f.day(d.nextOccurrence, { year: false })), " ",
    h("span", { class: `soon ${/^(today|tomorrow|in [1-9] days|in 1[0-4] days)$/.test(soon) ? "near" : ""}` }, soon),
    d.kind !== "BIRTHDAY" && d.date !== d.nextOccurrence && h("span", { class: "muted" }, ` · since ${d.date.slice(0, 4)}`));
}

function renderNotes(notes, actions) {
  const list = h("ul", { class: "plain notes", "data-testid": "note-list" }, notes.map(noteItem));
  const text = h("textarea", { id: "note-text", name: "text", rows: 3, maxlength: 4000, required: true, "data-testid": "note-text" });
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const form = h("form", { class: "stack", "data-testid": "note-form", onsubmit: async (event) => {
    event.preventDefault();
    error.hidden = true;
    try {
      const note = await actions.addNote(text.value);
      list.querySelector(".empty")?.remove();
      list.prepend(noteItem(note));
      form.reset();
      text.focus();
    } catch (e) {
      error.textContent = `The note was not saved: ${e.message}`;
      error.hidden = false;
    }
  } },
    h("label", { for: "note-text" }, "Note for the next associate"),
    text,
    h("div", { class: "row" }, h("button", { type: "submit", "data-testid": "note-add" }, "Save note")),
    error);
  if (notes.length === 0) list.append(h("li", { class: "empty" }, "No notes yet: what she liked, what to show her next time."));
  return panel("Notes", "notes", form, list);
}

function noteItem(n) {
  return h("li", { "data-testid": "note" },
    h("p", { class: "note-text" }, n.text),
    h("p", { class: "muted" }, [n.author, n.store?.name, f.when(n.at)].filter(Boolean).join(" · ")));
}

// --- what she is buying ---------------------------------------------------------------------

function renderCart(cart) {
  const items = cart?.items ?? [];
  if (items.length === 0) return panel("Open cart", "cart", empty("Nothing in her cart on any channel."));
  const history = cart.history?.edges?.map((e) => e.node) ?? [];
  const started = history.at(-1);
  return panel("Open cart", "cart",
    h("ul", { class: "plain lines" },
      items.map((item) =>
        h("li", { "data-testid": "cart-item" },
          h("span", { class: "what" }, item.product?.name ?? item.sku, h("span", { class: "muted" }, ` ${item.sku}`)),
          h("span", { class: "qty" }, "× ", h("span", { "data-testid": "cart-quantity" }, item.quantity)),
          h("span", { class: "amount" }, f.money(item.unitPrice, "EUR"))))),
    h("p", { class: "total" }, h("span", {}, "Subtotal"), h("b", {}, f.money(cart.subtotal, "EUR"))),
    h("p", { class: "muted", "data-testid": "cart-where" },
      started ? `Started on ${f.channel(started.channel)}, ${f.when(started.at)}. ` : "",
      cart.lastChannel ? `Last changed on ${f.channel(cart.lastChannel)}, ${f.when(cart.updatedAt)}.` : ""));
}

function renderOrders(orders) {
  const rows = orders?.edges?.map((e) => e.node) ?? [];
  const title = orders?.totalCount > rows.length ? `Orders (latest ${rows.length} of ${orders.totalCount})` : "Orders";
  return panel(title, "orders",
    rows.length === 0
      ? empty("No orders yet on any channel.")
      : h("ul", { class: "plain orders" }, rows.map((o) =>
          h("li", { class: "order", "data-testid": "order" },
            h("div", { class: "order-head" },
              h("b", {}, o.lines.map((l) => `${l.quantity > 1 ? `${l.quantity} × ` : ""}${l.product?.name ?? l.sku}`).join(", ") || "An order"),
              h("span", { class: "amount" }, f.money(o.total, o.currency))),
            h("p", { class: "muted" },
              `${o.id} · ${f.when(o.placedAt)} · on ${f.channel(o.channel)}`,
              o.fulfillment ? ` · ${f.fulfillment(o.fulfillment)}${o.fulfillmentStore?.name ? ` (${o.fulfillmentStore.name})` : ""}` : ""),
            h("ol", { class: "journey", "aria-label": "Its journey across channels", "data-testid": "order-journey" },
              o.statusHistory.map((s) =>
                h("li", { class: s.status === o.status ? "now" : "" },
                  h("b", {}, f.orderStatus(s.status)),
                  ` ${[s.channel && f.channel(s.channel), s.store?.name].filter(Boolean).join(", ")}`,
                  h("span", { class: "muted" }, ` ${f.when(s.at)}`))))))));
}

function renderCases(cases) {
  return panel("Open cases", "cases",
    cases.length === 0
      ? empty("No open support case.")
      : h("ul", { class: "plain" }, cases.map((c) =>
          h("li", { "data-testid": "case" },
            h("b", {}, c.subject ?? "A support case"), " ",
            h("span", { class: "muted" }, `${c.id}${c.order ? ` · about ${c.order.id}` : ""} · opened ${f.when(c.openedAt)}`),
            h("p", { class: "via" }, "Moved through ",
              h("span", { class: "chips" }, c.channels.map((ch) => chip(f.channel(ch))))),
            c.messages.length > 0 && h("p", { class: "muted" },
              `Last: ${f.caseAction(c.messages.at(-1).action)} on ${f.channel(c.messages.at(-1).channel)}, ${f.when(c.messages.at(-1).at)}`)))));
}

function renderRecommendations(recommendations, personalization) {
  return panel("Show her", "recommendations",
    recommendations.length === 0
      ? empty(personalization ? "Nothing to suggest yet: she has no views, cart or orders to go on." : "She asked us not to personalise: no suggestions.")
      : h("ol", { class: "plain recommendations" }, recommendations.map((r) =>
          h("li", { "data-testid": "recommendation" },
            h("span", { class: "what" }, h("b", {}, r.product.name ?? r.product.sku),
              h("span", { class: "muted" }, ` ${f.humanize(r.product.category ?? "")} · ${f.money(r.product.price, "EUR")}`)),
            h("span", { class: "reason" }, r.reason),
            h("meter", { min: 0, max: 1.1, value: r.score, "aria-label": `Match ${Math.round((r.score / 1.1) * 100)}%`, title: `score ${r.score.toFixed(2)}` })))));
}

function renderLoyalty(loyalty) {
  const moves = loyalty?.ledger?.edges?.map((e) => e.node) ?? [];
  return panel("Loyalty", "loyalty",
    h("p", { class: "balance" }, h("b", { "data-testid": "points" }, `${f.points(loyalty?.points)} points`),
      loyalty?.tier ? ` · ${f.tier(loyalty.tier)} tier` : ""),
    moves.length === 0
      ? empty("No points earned or spent yet.")
      : h("ul", { class: "plain" }, moves.map((m) =>
          h("li", { "data-testid": "loyalty-move" },
            h("span", { class: m.points < 0 ? "minus" : "plus" }, `${m.points > 0 ? "+" : ""}${f.points(m.points)}`), " ",
            `${f.loyaltyAction(m.action)}${m.reference ? ` (${m.reference})` : ""}`,
            h("span", { class: "muted" }, ` · ${f.channel(m.channel)}, ${f.when(m.at, { time: false })}`)))));
}

// --- her recent steps, on every channel ---------------------------------------------------------

function timelineText(e) {
  switch (e.kind) {
    case "ORDER":
      return e.order ? `Ordered ${e.order.id} (now ${f.orderStatus(e.order.status).toLowerCase()})` : e.summary;
    case "INTERACTION": {
      const i = e.interaction ?? {};
      const what = i.product?.name ?? i.sku ?? "";
      const where = i.kind === "STORE_VISIT" && i.store?.name ? ` (${i.store.name})` : "";
      return `${f.interaction(i.kind)}${what ? ` ${what}` : ""}${where}`;
    }
    case "CART": {
      const [, action, sku, quantity] = e.summary.match(/^Cart (add|remove|set quantity|clear) ?(\S*)(?: x(\d+))?$/) ?? [];
      if (action === "clear") return "Emptied her cart";
      if (action) return `${f.cartAction(action.toUpperCase().replace(" ", "_"))} ${sku}${quantity ? ` (× ${quantity})` : ""} ${action === "remove" ? "out of" : "in"} her cart`;
      return e.summary;
    }
    case "CONSENT": {
      const [, purpose, way, answer] = e.summary.match(/^(\w+) on (\w+) (granted|refused)$/) ?? [];
      if (purpose) return `Said ${answer === "granted" ? "yes" : "no"} to ${f.consentPurpose(purpose)} by ${f.consentChannel(way)}`;
      return e.summary;
    }
    case "LOYALTY": {
      const [, action, amount, reference] = e.summary.match(/^Loyalty (\w+) ([+-]?\d+) points \((.*)\)$/) ?? [];
      if (action) return `${f.loyaltyAction(action.toUpperCase())} ${f.points(Math.abs(Number(amount)))} points${reference && reference !== "-" ? ` (${reference})` : ""}`;
      return e.summary;
    }
    case "CASE_MESSAGE": {
      const [, id, action] = e.summary.match(/^Case (\S+) \(.*\): (\w+)$/) ?? [];
      if (id) return `Support case ${id}: ${f.caseAction(action.toUpperCase()).toLowerCase()}`;
      return e.summary;
    }
    default:
      return e.summary;
  }
}

function renderTimeline(timeline) {
  const entries = timeline?.edges?.map((e) => e.node) ?? [];
  return panel("Recent activity", "timeline",
    entries.length === 0
      ? empty("Nothing yet on any channel.")
      : h("ol", { class: "plain timeline" }, entries.map((e) =>
          h("li", { "data-testid": "timeline-entry" },
            chip(f.channel(e.channel) || "—"), " ", timelineText(e),
            h("span", { class: "muted" }, ` · ${f.when(e.at)}`)))));
}
