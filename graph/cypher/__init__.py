"""Every read the gateway makes, one batched Cypher statement per function.

Each function takes the request's `GraphReader` and the keys of one DataLoader batch, and returns a
dict from key to result: each loader class in `resolvers/loaders/` points at one of these.
"""
