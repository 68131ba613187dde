// in: CartByOrderLoader keys=['o-1'] arguments={}
// params: {"ids": ["o-1"]}
UNWIND $ids AS key
MATCH (:Order {id: key})-[:FROM_CART]->(cart:Cart)
WITH key, cart ORDER BY cart.checkedOutAt DESC
WITH key, collect(cart)[0] AS cart
OPTIONAL MATCH (cart)-[r:CONTAINS]->(p:Product)
WITH key, cart, p, sum(r.quantity) AS quantity, max(r.unitPrice) AS unitPrice ORDER BY p.sku
RETURN key, cart {.*} AS cart,
       collect(CASE WHEN p IS NULL THEN NULL ELSE
         {sku: p.sku, quantity: quantity, unitPrice: unitPrice, product: p {.*}} END) AS items
