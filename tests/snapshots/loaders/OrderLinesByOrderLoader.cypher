// in: OrderLinesByOrderLoader keys=['o-1'] arguments={}
// params: {"ids": ["o-1"]}
UNWIND $ids AS oid
MATCH (:Order {id: oid})-[r:CONTAINS]->(p:Product)
WITH oid, r, p ORDER BY r.line
RETURN oid AS key, collect({sku: p.sku, line: r.line, quantity: r.quantity,
                            unitPrice: r.unitPrice, product: p {.*}}) AS items
