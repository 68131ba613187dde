// in: ProductBySkuLoader keys=['SKU-1'] arguments={}
// params: {"ids": ["SKU-1"]}
UNWIND $ids AS sku
MATCH (p:Product {sku: sku})
RETURN sku AS key, p {.*} AS item
