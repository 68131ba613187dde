"""The benchmark's peers: what omnigraph is compared with on the same Neo4j and the same data.

`floor` is the floor: one hand-written Cypher statement per workload through the raw driver.
"""
