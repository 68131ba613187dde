// Calls to the gateway: `/graphql` with the associate's token; errors worded for a person.

export class SignedOut extends Error {}

const messages = (body) => (body?.errors ?? []).map((e) => e.message).join("; ");

/** The `data` of `query`; throws with the gateway's own words when it refuses or fails. */
export async function graphql(token, query, variables = {}) {
  let response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new Error("The gateway cannot be reached. Check the connection and try again.");
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new Error(`The gateway answered ${response.status} without an explanation. Try again in a moment.`);
  }
  if (response.status === 401) throw new SignedOut(messages(body) || "The token was refused.");
  if (body.errors?.length) {
    if (body.errors.some((e) => /took longer than/.test(e.message))) {
      const error = new Error("The gateway is too slow right now. Wait a moment and press Refresh.");
      error.slow = true;
      throw error;
    }
    const error = new Error(messages(body));
    error.codes = body.errors.map((e) => e.extensions?.code);
    error.data = body.data;
    throw error;
  }
  return body.data;
}
