"""Every read the gateway makes, one batched Cypher statement per function.

Each function takes the request's `GraphReader` and the keys of one DataLoader batch, and returns a
dict from key to result: the loaders in `resolvers/loaders.py` are thin wrappers around these.
"""
