// The clienteling app: an associate signs in with a token, looks a customer up by phone, e-mail or
// loyalty id and sees the 360 view; a live feed re-reads it when the customer does something.
// Plain JS modules, no framework, no build: every value from the API goes in with textContent.

import { ADD_NOTE, CUSTOMER_360, CUSTOMER_ACTIVITY, EXTRAS } from "./queries.js";
import { graphqlSocketUrl, subscribe } from "./feed.js";

const TOKEN_KEY = "omnigraph.clienteling.token";
const $ = (id) => document.getElementById(id);

const state = { token: sessionStorage.getItem(TOKEN_KEY), lookup: null, customerId: null, unsubscribe: null, feed: [], feedStatus: "" };

// --- tiny DOM helper -------------------------------------------------------------------------

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const chip = (text, kind = "") => h("span", { class: `chip ${kind}`, "data-testid": "chip" }, text);
const when = (iso) => (iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" }) : "–");
const money = (amount, currency = "EUR") =>
  amount === null || amount === undefined ? "–" : new Intl.NumberFormat("en-GB", { style: "currency", currency: currency || "EUR" }).format(amount);

// --- the API ---------------------------------------------------------------------------------

class SignedOut extends Error {}

async function graphql(query, variables) {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${state.token}` },
    body: JSON.stringify({ query, variables }),
  });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new Error(`the gateway answered ${response.status}`);
  }
  if (response.status === 401) throw new SignedOut(messages(body) || "the token was refused");
  if (!response.ok && !body.data) throw new Error(messages(body) || `the gateway answered ${response.status}`);
  return body;
}

const messages = (body) => (body?.errors ?? []).map((e) => e.message).join("; ");
const isValidationError = (body) =>
  !body.data && (body.errors ?? []).some((e) => /Cannot query field|Unknown (argument|type)/.test(e.message) || e.extensions?.code === "GRAPHQL_VALIDATION_FAILED");

// --- sign-in ---------------------------------------------------------------------------------

function claims(token) {
  try {
    const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(part)); // shown only, never trusted: the gateway checks the token
  } catch {
    return {};
  }
}

function showSignedIn() {
  const c = claims(state.token);
  $("who").textContent = [c.sub, (c.roles ?? []).join(","), c.store_id].filter(Boolean).join(" · ");
  $("login").hidden = true;
  $("workspace").hidden = false;
  $("logout").hidden = false;
  $("lookup-value").focus();
}

function signOut(why) {
  state.unsubscribe?.();
  Object.assign(state, { token: null, lookup: null, customerId: null, unsubscribe: null, feed: [] });
  sessionStorage.removeItem(TOKEN_KEY);
  $("view").replaceChildren();
  $("status").textContent = "";
  $("who").textContent = "";
  $("workspace").hidden = true;
  $("logout").hidden = true;
  $("login").hidden = false;
  $("login-error").hidden = !why;
  $("login-error").textContent = why ?? "";
}

function signIn(token) {
  state.token = token.trim().replace(/^Bearer\s+/i, "");
  sessionStorage.setItem(TOKEN_KEY, state.token);
  showSignedIn();
}

async function offerDemoToken() {
  // development gateways only (gateway/web.py); a production gateway answers 404
  try {
    const response = await fetch("dev-token", { cache: "no-store" });
    if (!response.ok) return;
    const { token } = await response.json();
    const button = $("demo-login");
    button.hidden = false;
    button.onclick = () => signIn(token);
  } catch {
    /* no dev endpoint: paste a token */
  }
}

// --- the 360 view ----------------------------------------------------------------------------

async function lookUp(type, value) {
  state.lookup = { type, value };
  $("status").textContent = "Looking up…";
  let body;
  try {
    body = await graphql(CUSTOMER_360, { type, value });
  } catch (error) {
    if (error instanceof SignedOut) return signOut(`Signed out: ${error.message}`);
    $("status").textContent = error.message;
    return;
  }
  const customer = body.data?.customerByIdentifier;
  if (!customer) {
    $("status").textContent = body.errors ? messages(body) : `No customer with ${type} ${value}`;
    $("view").replaceChildren();
    stopFeed();
    return;
  }
  $("status").textContent = body.errors ? `Partly shown: ${messages(body)}` : "";
  $("refresh").hidden = false;
  const extras = h("div", { class: "grid", id: "extras" });
  $("view").replaceChildren(render360(customer), extras, renderFeed());
  loadExtras(extras, type, value);
  if (state.customerId !== customer.id) startFeed(customer.id);
  state.customerId = customer.id;
}

function refresh() {
  if (state.lookup) return lookUp(state.lookup.type, state.lookup.value);
}

function render360(c) {
  const name = [c.givenName, c.familyName].filter(Boolean).join(" ") || "(anonymous)";
  return h("div", {},
    h("section", { class: "card profile", "data-testid": "profile" },
      h("span", { class: "name", "data-testid": "customer-name" }, name),
      h("span", { class: "muted" }, c.id),
      h("span", {}, `Loyalty: ${c.loyalty?.tier ?? "–"} · ${c.loyalty?.points ?? 0} pts`),
      h("span", {}, `Lifetime ${money(c.stats?.lifetimeValue)} over ${c.stats?.orderCount ?? 0} orders`),
      h("span", { class: "chips", "data-testid": "channels" },
        (c.stats?.channels ?? []).map((channel) => chip(channel))),
      h("span", { class: "muted" }, `prefers ${c.stats?.preferredChannel ?? "–"}, last ${c.stats?.lastChannel ?? "–"}`)),
    h("div", { class: "grid" },
      panel("Contact", "identifiers",
        h("dl", { class: "kv" },
          c.identifiers.map((i) => [h("dt", {}, i.type), h("dd", { "data-testid": `identifier-${i.type}` }, i.value)]))),
      renderCart(c.cart),
      renderOrders(c.orders),
      renderCases(c.supportCases)));
}

function panel(title, testid, ...body) {
  return h("section", { class: "card", "data-testid": testid }, h("h2", {}, title), ...body);
}

function renderCart(cart) {
  const items = cart?.items ?? [];
  return panel("Cart", "cart",
    items.length === 0
      ? h("p", { class: "muted" }, "Empty")
      : h("table", {},
          h("tr", {}, h("th", {}, "item"), h("th", {}, "qty"), h("th", {}, "price")),
          items.map((item) =>
            h("tr", { "data-testid": "cart-item" },
              h("td", {}, item.product?.name ?? item.sku, h("div", { class: "muted" }, item.sku)),
              h("td", { "data-testid": "cart-quantity" }, item.quantity),
              h("td", {}, money(item.unitPrice))))),
    cart && h("p", { class: "muted" }, `Subtotal ${money(cart.subtotal)} · updated ${when(cart.updatedAt)} on ${cart.lastChannel ?? "–"}`));
}

function renderOrders(orders) {
  const rows = orders?.edges?.map((e) => e.node) ?? [];
  return panel(`Orders (${orders?.totalCount ?? 0})`, "orders",
    rows.length === 0
      ? h("p", { class: "muted" }, "No orders")
      : h("table", {},
          h("tr", {}, h("th", {}, "order"), h("th", {}, "channel"), h("th", {}, "status"), h("th", {}, "total")),
          rows.map((o) =>
            h("tr", { "data-testid": "order" },
              h("td", {}, o.id, h("div", { class: "muted" }, when(o.placedAt)),
                h("div", { class: "muted" }, o.lines.map((l) => `${l.quantity}× ${l.product?.name ?? l.sku}`).join(", "))),
              h("td", {}, chip(o.channel ?? "–"),
                o.fulfillment && h("div", { class: "muted" }, `${o.fulfillment}${o.fulfillmentStore ? ` · ${o.fulfillmentStore.name}` : ""}`)),
              h("td", {}, chip(o.status ?? "–", "status"),
                h("div", { class: "muted" }, o.statusHistory.map((s) => `${s.status} (${s.channel ?? "–"})`).join(" → "))),
              h("td", {}, money(o.total, o.currency))))));
}

function renderCases(cases) {
  return panel("Support cases", "cases",
    cases.length === 0
      ? h("p", { class: "muted" }, "No open cases")
      : h("ul", { class: "plain" },
          cases.map((c) =>
            h("li", { "data-testid": "case" },
              h("b", {}, c.id), " ", chip(c.status ?? "–", "open"), " ", c.subject ?? "",
              h("div", { class: "chips" }, c.channels.map((channel) => chip(channel))),
              c.messages.length > 0 && h("div", { class: "muted" }, `last: ${c.messages.at(-1).text ?? ""} (${c.messages.at(-1).channel ?? "–"})`)))));
}

// --- extras: recommendations, open cases, notes (absent from older gateways) -----------------

async function loadExtras(container, type, value) {
  let body;
  try {
    body = await graphql(EXTRAS, { type, value });
  } catch (error) {
    container.replaceChildren(unavailable(error.message));
    return;
  }
  if (isValidationError(body)) {
    container.replaceChildren(unavailable(messages(body)));
    return;
  }
  const extra = body.data?.customerByIdentifier;
  if (!extra) {
    container.replaceChildren(unavailable(messages(body) || "no data"));
    return;
  }
  container.replaceChildren(
    renderRecommendations(extra.recommendations ?? []),
    renderOpenCases(extra.openCases ?? []),
    renderNotes(extra.id, extra.notes ?? [], container, type, value));
}

function unavailable(why) {
  return h("section", { class: "card unavailable", "data-testid": "extras-unavailable" },
    h("h2", {}, "Recommendations, open cases and notes"),
    h("p", {}, "Not available yet on this gateway."),
    h("p", { class: "muted" }, why));
}

function renderRecommendations(recommendations) {
  return panel("Recommended", "recommendations",
    recommendations.length === 0
      ? h("p", { class: "muted" }, "Nothing to recommend yet")
      : h("ul", { class: "plain" },
          recommendations.map((r) =>
            h("li", { "data-testid": "recommendation" },
              h("b", {}, r.product?.name ?? r.product?.sku), " ",
              h("span", { class: "muted" }, `${r.product?.category ?? ""} · ${money(r.product?.price)} · score ${Number(r.score).toFixed(2)}`),
              h("div", {}, r.reason)))));
}

function renderOpenCases(cases) {
  return panel("Open cases", "open-cases",
    cases.length === 0
      ? h("p", { class: "muted" }, "None")
      : h("ul", { class: "plain" },
          cases.map((c) =>
            h("li", { "data-testid": "open-case" },
              h("b", {}, c.id), " ", chip(c.status ?? "–", "open"), " ", c.subject ?? "",
              c.order && h("span", { class: "muted" }, ` · order ${c.order.id}`),
              h("div", { class: "chips" }, c.channels.map((channel) => chip(channel)))))));
}

function renderNotes(customerId, notes, container, type, value) {
  const text = h("input", { placeholder: "Add a note for the next associate", "data-testid": "note-text", required: true });
  const form = h("form", { class: "row", onsubmit: async (event) => {
    event.preventDefault();
    const body = await graphql(ADD_NOTE, { customerId, text: text.value });
    if (body.errors) return alert(messages(body));
    loadExtras(container, type, value);
  } }, text, h("button", { type: "submit" }, "Add note"));
  return panel("Notes", "notes",
    h("ul", { class: "plain" },
      notes.map((n) => h("li", { "data-testid": "note" }, n.text,
        h("div", { class: "muted" }, `${n.author ?? "–"}${n.store ? ` · ${n.store.id}` : ""} · ${when(n.at)}`)))),
    form);
}

// --- the live feed ---------------------------------------------------------------------------

function renderFeed() {
  return panel("Live activity", "feed",
    h("p", { class: "muted", id: "feed-status", "data-testid": "feed-status" }, state.feedStatus),
    h("ul", { class: "plain feed", id: "feed-list" },
      state.feed.map((a) => feedItem(a, false))));
}

function feedItem(a, fresh) {
  return h("li", { class: fresh ? "fresh" : "", "data-testid": "feed-item" },
    chip(a.channel ?? "–"), " ", h("b", {}, a.kind), " ", a.summary ?? "",
    h("div", { class: "muted" }, `${when(a.at)}${a.storeId ? ` · ${a.storeId}` : ""}`));
}

function feedStatus(text) {
  state.feedStatus = text;
  const node = $("feed-status");
  if (node) node.textContent = text;
}

function stopFeed() {
  state.unsubscribe?.();
  state.unsubscribe = null;
  state.customerId = null;
}

let refreshing = null;

function startFeed(customerId) {
  stopFeed();
  state.feed = [];
  feedStatus("connecting…");
  state.unsubscribe = subscribe({
    url: graphqlSocketUrl("/graphql"),
    token: state.token,
    query: CUSTOMER_ACTIVITY,
    variables: { customerId },
    onNext: (data) => {
      const activity = data?.customerActivity;
      if (!activity) return;
      state.feed.unshift(activity);
      $("feed-list")?.prepend(feedItem(activity, true));
      // what the event changed (cart, orders, cases) shows once the burst is over
      clearTimeout(refreshing);
      refreshing = setTimeout(refresh, 400);
    },
    onReady: () => feedStatus("live: waiting for activity"),
    onError: (why) => feedStatus(`Live feed unavailable: ${why}. Use Refresh.`),
    onComplete: () => feedStatus("Live feed ended. Use Refresh."),
  });
}

// --- wiring ----------------------------------------------------------------------------------

$("login-form").addEventListener("submit", (event) => {
  event.preventDefault();
  signIn($("token").value);
});
$("logout").addEventListener("click", () => signOut());
$("lookup").addEventListener("submit", (event) => {
  event.preventDefault();
  stopFeed();
  lookUp($("lookup-type").value, $("lookup-value").value.trim());
});
$("refresh").addEventListener("click", () => refresh());

if (state.token) showSignedIn();
else signOut();
offerDemoToken();
