// in: OpenCartByCustomerLoader keys=['c-1', 'c-2'] arguments={}
// params: {"ids": ["c-1", "c-2"]}
UNWIND $ids AS key
MATCH (:Customer {id: key})-[:HAS_CART]->(open:Cart {status: 'OPEN'})
WITH key, open ORDER BY open.updatedAt DESC
WITH key, collect(open)[0] AS cart
OPTIONAL MATCH (cart)-[r:CONTAINS]->(p:Product)
WITH key, cart, p, sum(r.quantity) AS quantity, max(r.unitPrice) AS unitPrice ORDER BY p.sku
RETURN key, cart {.*} AS cart,
       collect(CASE WHEN p IS NULL THEN NULL ELSE
         {sku: p.sku, quantity: quantity, unitPrice: unitPrice, product: p {.*}} END) AS items
