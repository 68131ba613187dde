// A tiny DOM helper: every value from the API goes in as text, never as HTML.

export function h(tag, attrs = {}, ...children) {
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

export const $ = (id) => document.getElementById(id);

/** A card with a heading; `testid` names it for the browser tests. */
export function panel(title, testid, ...body) {
  const id = `panel-${testid}`;
  return h("section", { class: "card", "data-testid": testid, "aria-labelledby": id },
    h("h2", { id }, title), ...body);
}

/** What an empty panel says: what is missing, and what to do about it. */
export const empty = (text) => h("p", { class: "empty" }, text);

export const chip = (text, kind = "") => h("span", { class: `chip ${kind}`.trim(), "data-testid": "chip" }, text);
