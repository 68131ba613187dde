// The app's GraphQL documents. An associate may ask exactly these (resolvers/access.py): no
// timeline, devices or accounts; contact details come back masked and are shown as they come.

// What exists in every gateway: one request for the customer-360 view.
export const CUSTOMER_360 = `query Clienteling360($type: IdentifierType!, $value: String!) {
  customerByIdentifier(type: $type, value: $value) {
    id givenName familyName locale
    identifiers { type value }
    loyalty { points tier }
    stats { lifetimeValue orderCount averageOrderValue channels preferredChannel lastChannel lastSeen }
    cart { items { sku quantity unitPrice product { name } } subtotal updatedAt lastChannel }
    orders(first: 8) {
      totalCount
      edges { node {
        id channel status placedAt total currency fulfillment
        fulfillmentStore { name }
        statusHistory { status channel at }
        lines { quantity product { name } sku }
      } }
    }
    supportCases { id status subject channels messages { channel at text } }
  }
}`;

// Fields of the clienteling work that a gateway may not have yet: asked apart, so a validation
// error ("Cannot query field ...") shows a "not available yet" panel instead of breaking the view.
export const EXTRAS = `query ClientelingExtras($type: IdentifierType!, $value: String!) {
  customerByIdentifier(type: $type, value: $value) {
    id
    recommendations(first: 5) { product { sku name category price } score reason }
    openCases { id status subject channels messages { channel at text } order { id } }
    notes { id text at author store { id } }
  }
}`;

export const ADD_NOTE = `mutation ClientelingAddNote($customerId: ID!, $text: String!) {
  addNote(customerId: $customerId, text: $text) { id text at author store { id } }
}`;

export const CUSTOMER_ACTIVITY = `subscription ClientelingFeed($customerId: ID!) {
  customerActivity(customerId: $customerId) { eventId kind channel at summary customerId storeId }
}`;
