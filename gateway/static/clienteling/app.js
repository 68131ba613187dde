// The clienteling app: an associate signs in with a token (checked by the gateway before it is
// kept), sees the store's day, opens a customer from it or looks one up by phone, e-mail or
// loyalty id, and writes notes and important dates. Each screen is one request, re-read when
// its live feed (storeActivity, customerActivity) says something happened.
// Plain JS modules, no framework, no build: every value from the API goes in as text.

import { graphql, SignedOut } from "./api.js";
import { renderCustomer } from "./customer.js";
import { $, h } from "./dom.js";
import { graphqlSocketUrl, subscribe } from "./feed.js";
import * as f from "./format.js";
import { renderHome } from "./home.js";
import * as Q from "./queries.js";

const TOKEN_KEY = "omnigraph.clienteling.token";
const STAFF = ["associate", "agent", "admin"];

const state = {
  token: null,
  claims: {},
  store: null, // the token's store, as the gateway returned it at sign-in
  screen: null, // { kind: "home" } | { kind: "customer", via: {type, value} | {id}, id }
  feed: null, // { stop, items, status }
};

// --- sign-in: the gateway checks the token before the app keeps it ----------------------------

function claims(token) {
  try {
    const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(part)); // shown only: the gateway decides what the token may do
  } catch {
    return null;
  }
}

async function signIn(raw) {
  const token = raw.trim().replace(/^Bearer\s+/i, "");
  const c = claims(token);
  const refuse = (why) => {
    sessionStorage.removeItem(TOKEN_KEY);
    showLogin(why);
  };
  if (!c) return refuse("That is not a token: paste the whole line `omnigraph token` printed (three parts separated by dots).");
  const roles = c.roles ?? [];
  if (!roles.some((r) => STAFF.includes(r))) {
    return refuse(`This app is for store staff: the token's role is ${roles.join(", ") || "missing"}. Ask for an associate token.`);
  }
  setBusy($("sign-in"), true);
  try {
    if (c.store_id) {
      const data = await graphql(token, Q.SIGN_IN_STORE, { store: c.store_id });
      if (!data.store) return refuse(`The token names the store ${c.store_id}, which the gateway does not know.`);
      state.store = data.store;
    } else {
      await graphql(token, Q.SIGN_IN);
      state.store = null;
    }
  } catch (error) {
    return refuse(error instanceof SignedOut ? `The gateway refused this token: ${error.message}` : error.message);
  } finally {
    setBusy($("sign-in"), false);
  }
  Object.assign(state, { token, claims: c });
  sessionStorage.setItem(TOKEN_KEY, token);
  f.useStore(state.store);
  $("who").textContent = [c.sub, roles.join(", "), state.store?.name].filter(Boolean).join(" · ");
  $("login").hidden = true;
  $("workspace").hidden = false;
  $("logout").hidden = false;
  $("home-link").hidden = !state.store;
  if (state.store) goHome();
  else showMessage("Your token names no store: look a customer up by phone, e-mail or loyalty id.");
  $("lookup-value").focus();
}

function showLogin(why) {
  stopFeed();
  Object.assign(state, { token: null, claims: {}, store: null, screen: null });
  $("screen").replaceChildren();
  $("who").textContent = "";
  $("workspace").hidden = true;
  $("logout").hidden = true;
  $("login").hidden = false;
  $("login-error").hidden = !why;
  $("login-error").textContent = why ?? "";
  if (why) $("token").focus();
}

function signOut(why) {
  sessionStorage.removeItem(TOKEN_KEY);
  showLogin(why);
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

// --- messages a person notices ------------------------------------------------------------------

function showError(text) {
  $("error").textContent = text;
  $("error").hidden = !text;
}

function showMessage(text) {
  $("status").textContent = text;
}

function setBusy(button, busy) {
  if (!button) return;
  button.disabled = busy;
  button.setAttribute("aria-busy", busy ? "true" : "false");
}

/** Run a read (once more when the gateway was too slow); a refused token signs out, anything
 * else shows as an error. */
async function read(query, variables, again = true) {
  try {
    return await graphql(state.token, query, variables);
  } catch (error) {
    if (error.slow && again) {
      showMessage("The gateway is slow right now: asking again…");
      return read(query, variables, false);
    }
    if (error instanceof SignedOut) signOut(`Signed out: ${error.message}`);
    else showError(error.message);
    return null;
  }
}

// --- screens --------------------------------------------------------------------------------

async function goHome({ quiet = false } = {}) {
  if (!state.store) return;
  if (state.screen?.kind !== "home") follow("storeActivity", Q.STORE_ACTIVITY, { storeId: state.store.id });
  state.screen = { kind: "home" };
  if (!quiet) {
    showError("");
    showMessage("Loading the store's day…");
  }
  const data = await read(Q.STORE_HOME, { store: state.store.id, at: f.storeNow() });
  if (state.screen?.kind !== "home") return; // the associate moved on meanwhile
  if (!data?.store) return showMessage("");
  showMessage("");
  draw(renderHome(data.store, (id) => openCustomer({ id })), !quiet);
}

async function openCustomer(via, { quiet = false } = {}) {
  if (!quiet) {
    showError("");
    showMessage("Looking her up…");
  }
  const data = via.id
    ? await read(Q.STORE_CUSTOMER, { store: state.store.id, id: via.id })
    : await read(Q.CUSTOMER_BY_IDENTIFIER, via);
  if (data === null) return;
  const customer = via.id ? data.store?.customer : data.customerByIdentifier;
  if (!customer) {
    showMessage("");
    showError(via.id
      ? "This customer is not one of the store's any more (merged or erased). Look her up by phone, e-mail or loyalty id."
      : `Nobody has the ${f.identifierType(via.type).toLowerCase()} ${via.value}. Check it, or try another way to find her.`);
    return;
  }
  const known = state.screen?.kind === "customer" && state.screen.id === customer.id;
  state.screen = { kind: "customer", via: via.id ? { id: customer.id } : via, id: customer.id };
  if (!known) follow("customerActivity", Q.CUSTOMER_ACTIVITY, { customerId: customer.id });
  showMessage("");
  draw(renderCustomer(customer, {
    addNote: (text) => write(Q.ADD_NOTE, { customerId: customer.id, text }).then((d) => d.addNote),
    addDate: (kind, date) => write(Q.ADD_IMPORTANT_DATE, { customerId: customer.id, kind, date }).then((d) => d.addImportantDate),
  }), !quiet && !known);
}

async function write(mutation, variables) {
  try {
    return await graphql(state.token, mutation, variables);
  } catch (error) {
    if (error instanceof SignedOut) signOut(`Signed out: ${error.message}`);
    throw error;
  }
}

/** Show a screen with its live panel; a re-read keeps what the associate was typing. */
function draw(content, moveFocus) {
  const typed = [...$("screen").querySelectorAll("input[id], textarea[id]")].map((el) => [el.id, el.value]);
  const focused = document.activeElement?.id;
  $("screen").replaceChildren(renderFeed(), content);
  for (const [id, value] of typed) {
    const el = document.getElementById(id);
    if (el && value) el.value = value;
  }
  if (moveFocus) $("screen").querySelector("h1")?.focus();
  else if (focused) document.getElementById(focused)?.focus();
}

function refresh() {
  const screen = state.screen;
  if (screen?.kind === "home") return goHome({ quiet: true });
  if (screen?.kind === "customer") return openCustomer(screen.via, { quiet: true });
}

// --- live feeds -----------------------------------------------------------------------------

let rereading = null;
let retrying = null;

function follow(field, query, variables, attempt = 0) {
  stopFeed();
  const feed = { field, items: [], status: "Connecting to live updates…", stop: null };
  state.feed = feed;
  feed.stop = subscribe({
    url: graphqlSocketUrl("/graphql"),
    token: state.token,
    query,
    variables,
    onReady: () => {
      if (attempt > 0) refresh(); // what happened while the feed was down
      attempt = 0;
      setFeedStatus(feed, "Live: this screen updates by itself.", "up");
    },
    onNext: (data) => {
      const activity = data?.[field];
      if (!activity) return;
      feed.items.unshift(activity);
      feed.items.length = Math.min(feed.items.length, 6);
      $("feed-list")?.prepend(feedItem(activity, true));
      setFeedStatus(feed, `Live: last update ${f.time(activity.at)}, ${f.activity(activity.kind).toLowerCase()}.`, "up");
      clearTimeout(rereading);
      rereading = setTimeout(refresh, 400); // once the burst is over
    },
    onError: (why) => {
      const wait = [5, 15, 30][Math.min(attempt, 2)];
      setFeedStatus(feed, `Live updates are down (${why}). Trying again in ${wait} s; Refresh shows the latest.`, "down");
      retrying = setTimeout(() => state.feed === feed && follow(field, query, variables, attempt + 1), wait * 1000);
    },
    onComplete: () => setFeedStatus(feed, "Live updates ended. Refresh shows the latest.", "down"),
  });
}

function stopFeed() {
  clearTimeout(retrying);
  state.feed?.stop?.();
  state.feed = null;
}

function setFeedStatus(feed, text, kind) {
  feed.status = text;
  feed.kind = kind;
  if (state.feed !== feed) return;
  const node = $("feed-status");
  if (node) {
    node.textContent = text;
    node.className = `feed-status ${kind}`;
  }
}

function renderFeed() {
  const feed = state.feed;
  return h("section", { class: "card live", "data-testid": "feed", "aria-label": "Live updates" },
    h("div", { class: "live-head" },
      h("p", { id: "feed-status", class: `feed-status ${feed?.kind ?? ""}`, "data-testid": "feed-status", role: "status" }, feed?.status ?? ""),
      h("button", { type: "button", class: "secondary", "data-testid": "refresh", onclick: () => refresh() }, "Refresh")),
    h("ul", { id: "feed-list", class: "plain feed" }, (feed?.items ?? []).map((a) => feedItem(a, false))));
}

function feedItem(a, fresh) {
  const who = a.customer ? `${f.fullName(a.customer)}: ` : "";
  return h("li", { class: fresh ? "fresh" : "", "data-testid": "feed-item" },
    h("b", {}, f.activity(a.kind)), ` ${who}on ${f.channel(a.channel)} · ${f.time(a.at)}`);
}

// --- wiring ---------------------------------------------------------------------------------

$("login-form").addEventListener("submit", (event) => {
  event.preventDefault();
  signIn($("token").value);
});
$("logout").addEventListener("click", () => signOut());
$("home-link").addEventListener("click", () => goHome());
$("lookup").addEventListener("submit", (event) => {
  event.preventDefault();
  const value = $("lookup-value").value.trim();
  if (!value) return showError("Type a phone number, e-mail or loyalty card number first.");
  openCustomer({ type: $("lookup-type").value, value });
});

const saved = sessionStorage.getItem(TOKEN_KEY);
if (saved) signIn(saved);
else showLogin();
offerDemoToken();
