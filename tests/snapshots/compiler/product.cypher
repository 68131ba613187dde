// in: (customer) { product(sku: "SKU-1") { name price } }
// params: {"p0_sku": "SKU-1"}
CALL () {
  MATCH (v1:Product {sku: $p0_sku}) WITH v1 LIMIT 1  RETURN head(collect(v1 {sku: v1.sku, name: v1.name, price: v1.price})) AS r0
}
RETURN r0
