// Words and numbers as an associate reads them: a label for every enum, dates in the store's
// locale and time zone, amounts in the order's currency, "in 12 days".

const CHANNELS = {
  WEB: "Web", MOBILE_APP: "App", STORE: "Store", CALL_CENTER: "Call centre", EMAIL: "E-mail",
  SMS: "SMS", SOCIAL: "Social", CHAT: "Chat", KIOSK: "Kiosk", MARKETPLACE: "Marketplace",
};
const ORDER_STATUS = {
  PLACED: "Placed", PAID: "Paid", READY_FOR_PICKUP: "Ready for pickup", PICKED_UP: "Picked up",
  SHIPPED: "Shipped", DELIVERED: "Delivered", CANCELLED: "Cancelled", RETURNED: "Returned",
};
const FULFILLMENT = {
  SHIP: "Delivered to her", PICKUP_IN_STORE: "Pick up in store", IN_STORE: "Bought in store",
  CURBSIDE: "Curbside pickup",
};
const TIERS = { BASIC: "Basic", SILVER: "Silver", GOLD: "Gold", PLATINUM: "Platinum" };
const IDENTIFIERS = {
  EMAIL: "E-mail", PHONE: "Phone", LOYALTY_ID: "Loyalty card", CUSTOMER_ID: "Customer number",
  SOCIAL_HANDLE: "Social",
};
const INTERACTIONS = {
  PAGE_VIEW: "Browsed", PRODUCT_VIEW: "Looked at", SEARCH: "Searched", STORE_VISIT: "Came into the store",
  EMAIL_OPEN: "Opened an e-mail", EMAIL_CLICK: "Clicked an e-mail", PUSH_OPEN: "Opened a notification",
  SMS_REPLY: "Replied to a text", SOCIAL_MESSAGE: "Wrote on social media", CHAT_MESSAGE: "Chatted with us",
  CALL: "Called us", REVIEW: "Wrote a review", APPOINTMENT: "Had an appointment",
};
const ACTIVITIES = {
  CHECK_IN: "Checked in", APPOINTMENT: "Appointment", INTERACTION: "Activity", CART_CHANGED: "Cart changed",
  ORDER_PLACED: "Order placed", PICKUP_READY: "Pickup ready", ORDER_UPDATED: "Order updated",
  CASE_OPENED: "Case opened", CASE_MESSAGE: "Case message", CASE_RESOLVED: "Case resolved",
  CASE_REOPENED: "Case reopened", CONSENT_CHANGED: "Consent changed", LOYALTY_CHANGED: "Points changed",
  PROFILE_UPDATED: "Profile updated",
};
const CART_ACTIONS = { ADD: "Put", REMOVE: "Took", SET_QUANTITY: "Changed", CLEAR: "Emptied" };
const LOYALTY_ACTIONS = { EARN: "Earned", REDEEM: "Redeemed", ADJUST: "Adjusted" };
const CASE_ACTIONS = { OPEN: "Opened", MESSAGE: "New message", RESOLVE: "Resolved", REOPEN: "Reopened" };
const CONSENT_PURPOSES = {
  MARKETING: "offers", PERSONALIZATION: "a personalised service", ANALYTICS: "analytics", PROFILING: "profiling",
};
const CONSENT_CHANNELS = { EMAIL: "e-mail", SMS: "text message", PUSH: "app notification", PHONE: "phone", POST: "post", ALL: "any channel" };
const SEGMENTS = {
  CHAMPIONS: "Champion", LOYAL: "Loyal", NEW: "New customer", POTENTIAL_LOYALIST: "Coming back",
  NEEDS_ATTENTION: "Needs attention", CANT_LOSE: "Can't lose her", AT_RISK: "At risk",
  ABOUT_TO_SLEEP: "Drifting away", HIBERNATING: "Not seen for a year", PROSPECT: "No order yet",
};

/** A readable form of any enum value we have no word for: READY_FOR_PICKUP -> Ready for pickup. */
export const humanize = (value) =>
  value ? value.toLowerCase().replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase()) : "";

const from = (table) => (value) => (value ? table[value] ?? humanize(value) : "");
export const channel = from(CHANNELS);
export const orderStatus = from(ORDER_STATUS);
export const fulfillment = from(FULFILLMENT);
export const tier = from(TIERS);
export const identifierType = from(IDENTIFIERS);
export const interaction = from(INTERACTIONS);
export const activity = from(ACTIVITIES);
export const cartAction = from(CART_ACTIONS);
export const loyaltyAction = from(LOYALTY_ACTIONS);
export const caseAction = from(CASE_ACTIONS);
export const segment = from(SEGMENTS);
export const consentPurpose = from(CONSENT_PURPOSES);
export const consentChannel = from(CONSENT_CHANNELS);
export const dateKind = humanize; // BIRTHDAY, WEDDING_ANNIVERSARY: whatever staff called it

// --- where the associate works: the store's locale and zone (the browser's without a store) ---

const place = { locale: undefined, timeZone: undefined };

export function useStore(store) {
  place.locale = store?.locale || undefined;
  place.timeZone = store?.timeZone || undefined;
  try {
    new Intl.DateTimeFormat(place.locale, { timeZone: place.timeZone });
  } catch {
    Object.assign(place, { locale: undefined, timeZone: undefined });
  }
}

export const locale = () => place.locale;

export function when(iso, { time = true } = {}) {
  if (!iso) return "";
  const options = time ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" };
  return new Intl.DateTimeFormat(place.locale, { ...options, timeZone: place.timeZone }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD), the same day wherever it is read. */
export function day(isoDate, { year = true } = {}) {
  if (!isoDate) return "";
  const options = year ? { dateStyle: "medium" } : { day: "numeric", month: "long" };
  return new Intl.DateTimeFormat(place.locale, { ...options, timeZone: "UTC" }).format(new Date(`${isoDate}T00:00:00Z`));
}

export function time(iso) {
  return iso ? new Intl.DateTimeFormat(place.locale, { timeStyle: "short", timeZone: place.timeZone }).format(new Date(iso)) : "";
}

export function money(amount, currency) {
  if (amount === null || amount === undefined) return "";
  if (!currency) return new Intl.NumberFormat(place.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
  return new Intl.NumberFormat(place.locale, { style: "currency", currency }).format(amount);
}

export const points = (n) => new Intl.NumberFormat(place.locale).format(n ?? 0);

/** Today's date in the store's zone, as YYYY-MM-DD. */
export function today() {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: place.timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(new Date()).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Now, as the store's wall clock with its offset: the store's "today" for `visitsToday(at:)`. */
export function storeNow() {
  const now = new Date();
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: place.timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit", timeZoneName: "longOffset",
    }).formatToParts(now).map((p) => [p.type, p.value]));
  const offset = parts.timeZoneName === "GMT" ? "+00:00" : parts.timeZoneName.replace("GMT", "");
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

/** "today", "tomorrow", "in 12 days" from the store's today to a YYYY-MM-DD date. */
export function inDays(isoDate) {
  const days = Math.round((Date.parse(`${isoDate}T00:00:00Z`) - Date.parse(`${today()}T00:00:00Z`)) / 86_400_000);
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days === -1) return "yesterday";
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** "2 hours ago", "3 days ago": how long since `iso`. */
export function ago(iso) {
  const minutes = Math.round((Date.now() - Date.parse(iso)) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  return days === 1 ? "yesterday" : `${days} days ago`;
}

export const fullName = (c) => [c?.givenName, c?.familyName].filter(Boolean).join(" ") || "A customer with no name yet";
