// The app's GraphQL documents: one request per screen. What an associate may read is the API's
// business (resolvers/access.py): contact details come back masked and are shown as they come.

// Signing in: the token must open the store it names (or, without a store, the API at all).
export const SIGN_IN_STORE = `query ClientelingSignIn($store: ID!) {
  store(id: $store) { id name city timeZone locale }
}`;
export const SIGN_IN = `query ClientelingSignInAnywhere { __typename }`;

// The store's day: pickups waiting, who came in today, who has not been back.
export const STORE_HOME = `query ClientelingHome($store: ID!, $at: DateTime) {
  store(id: $store) {
    id name
    pickupsReady {
      order {
        id placedAt total currency channel
        statusHistory { status at }
        lines { quantity sku product { name } }
      }
      customer { id givenName familyName loyalty { tier } }
    }
    visitsToday(at: $at) { id givenName familyName loyalty { tier } stats { lastSeen orderCount } }
    lapsedCustomers(first: 8) {
      id givenName familyName
      loyalty { tier }
      stats { orderCount lifetimeValue }
      orders(first: 1) { edges { node { placedAt } } }
      consents { purpose channel granted }
    }
  }
}`;

const CUSTOMER = `fragment Customer360 on Customer {
  id givenName familyName locale personalization
  identifiers { type value }
  sizes preferences
  consents { purpose channel granted at }
  loyalty { points tier ledger(first: 4) { edges { node { id action points reference at channel } } } }
  stats { lifetimeValue orderCount channels preferredChannel lastSeen rfmSegment }
  cart {
    items { sku quantity unitPrice product { name } }
    subtotal updatedAt lastChannel
    history(first: 20) { edges { node { channel at } } }
  }
  orders(first: 6) {
    totalCount
    edges { node {
      id channel status placedAt total currency fulfillment
      fulfillmentStore { name }
      statusHistory { status channel at store { name } }
      lines { quantity sku product { name } }
    } }
  }
  openCases { id subject channels openedAt messages { channel at action } order { id } }
  recommendations(first: 5) { product { sku name category price } score reason }
  importantDates { kind date nextOccurrence }
  notes { id text at author store { name } }
  timeline(first: 12) { edges { node {
    id at kind channel summary
    order { id status }
    interaction { kind sku product { name } store { name } }
  } } }
}`;

// The customer's screen, reached by phone, e-mail or loyalty id...
export const CUSTOMER_BY_IDENTIFIER = `query ClientelingCustomer($type: IdentifierType!, $value: String!) {
  customerByIdentifier(type: $type, value: $value) { ...Customer360 }
}
${CUSTOMER}`;

// ... or opened from the store's lists.
export const STORE_CUSTOMER = `query ClientelingStoreCustomer($store: ID!, $id: ID!) {
  store(id: $store) { customer(id: $id) { ...Customer360 } }
}
${CUSTOMER}`;

export const ADD_NOTE = `mutation ClientelingAddNote($customerId: ID!, $text: String!) {
  addNote(customerId: $customerId, text: $text) { id text at author store { name } }
}`;

export const ADD_IMPORTANT_DATE = `mutation ClientelingAddDate($customerId: ID!, $kind: String!, $date: Date!) {
  addImportantDate(customerId: $customerId, kind: $kind, date: $date) { kind date nextOccurrence }
}`;

export const CUSTOMER_ACTIVITY = `subscription ClientelingCustomerFeed($customerId: ID!) {
  customerActivity(customerId: $customerId) { eventId kind channel at summary customerId storeId }
}`;

export const STORE_ACTIVITY = `subscription ClientelingStoreFeed($storeId: ID!) {
  storeActivity(storeId: $storeId) { eventId kind channel at summary customerId storeId customer { givenName familyName } }
}`;
