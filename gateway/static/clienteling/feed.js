// A graphql-transport-ws client (https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md),
// by hand: one socket, one subscription. No library, so no build step and no CDN.
//
// The token travels in `connection_init`'s payload: a browser's WebSocket cannot send an
// Authorization header.

const PROTOCOL = "graphql-transport-ws";

export function graphqlSocketUrl(path = "/graphql") {
  const url = new URL(path, window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}

/**
 * Subscribe to `query`; calls `onReady()` once subscribed, `onNext(data)` for each event, `onError(message)` once when the
 * gateway refuses or the socket drops before `complete`, `onComplete()` when the server ends it.
 * Returns a function that unsubscribes.
 */
export function subscribe({ url, token, query, variables, onReady, onNext, onError, onComplete }) {
  const id = "1";
  let done = false;
  let acknowledged = false;
  const finish = (callback, arg) => {
    if (done) return;
    done = true;
    callback?.(arg);
  };
  const socket = new WebSocket(url, PROTOCOL);
  const send = (message) => socket.readyState === WebSocket.OPEN && socket.send(JSON.stringify(message));

  socket.onopen = () =>
    send({ type: "connection_init", payload: { Authorization: `Bearer ${token}`, token } });

  socket.onmessage = (event) => {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    switch (message.type) {
      case "connection_ack":
        acknowledged = true;
        send({ id, type: "subscribe", payload: { query, variables } });
        onReady?.();
        break;
      case "ping":
        send({ type: "pong", payload: message.payload });
        break;
      case "next":
        if (message.id !== id) break;
        if (message.payload?.errors?.length && !message.payload.data) {
          finish(onError, message.payload.errors.map((e) => e.message).join("; "));
          socket.close(1000);
        } else {
          onNext?.(message.payload.data);
        }
        break;
      case "error": // the subscription was rejected: validation, authorisation...
        finish(onError, (message.payload ?? []).map((e) => e.message).join("; ") || "rejected");
        socket.close(1000);
        break;
      case "complete":
        finish(onComplete);
        socket.close(1000);
        break;
    }
  };

  // A socket refused at the upgrade (no subscriptions here, or the token was not accepted) closes
  // before any acknowledgement; browsers then report only code 1006.
  socket.onclose = (event) =>
    finish(
      onError,
      acknowledged
        ? `connection closed (${event.code}${event.reason ? `: ${event.reason}` : ""})`
        : `the gateway refused the subscription (${event.code}${event.reason ? `: ${event.reason}` : ""})`,
    );

  return () => {
    done = true;
    send({ id, type: "complete" });
    socket.close(1000);
  };
}
