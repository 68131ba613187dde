// The @neo4j/graphql peer of omnigraph's benchmark: the library's generated resolvers over the
// same Neo4j, served by graphql-yoga on 127.0.0.1:$PORT.
//
//   NEO4J_URI=bolt://127.0.0.1:7740 NEO4J_PASSWORD=... PORT=8741 node server.mjs
//
// GET /_bench/cypher -> {"queries": N}: how many Cypher statements the library ran so far (every
// `run` of a session or transaction of the driver it was given).
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { createYoga } from "graphql-yoga";
import neo4j from "neo4j-driver";

const env = process.env;
const port = Number(env.PORT ?? 8741);
const database = env.NEO4J_DATABASE ?? "neo4j";
const driver = neo4j.driver(
    env.NEO4J_URI ?? "bolt://127.0.0.1:7687",
    neo4j.auth.basic(env.NEO4J_USER ?? "neo4j", env.NEO4J_PASSWORD ?? "password"),
    { maxConnectionPoolSize: 100 },
);

// Count every statement: the library runs its Cypher through session.executeRead/executeWrite
// (a managed transaction's `run`) or, for some operations, a session's or transaction's `run`.
let statements = 0;
const countRuns = (target) => {
    const run = target.run;
    target.run = function counted(...args) {
        statements += 1;
        return run.apply(this, args);
    };
    return target;
};
const session = driver.session.bind(driver);
driver.session = (config) => {
    const s = countRuns(session(config));
    for (const name of ["executeRead", "executeWrite"]) {
        const original = s[name].bind(s);
        s[name] = (work, txConfig) => original((tx) => work(countRuns(tx)), txConfig);
    }
    const begin = s.beginTransaction.bind(s);
    s.beginTransaction = (txConfig) => countRuns(begin(txConfig));
    return s;
};

const typeDefs = readFileSync(new URL("./typeDefs.graphql", import.meta.url), "utf8");
// String/ID comparisons (`gt`) are off by default: Q4's keyset page (`id: {gt: $after}`) needs them.
const features = { filters: { ID: { GT: true }, String: { GT: true } } };
const neoSchema = new Neo4jGraphQL({ typeDefs, driver, features });
const schema = await neoSchema.getSchema();

const yoga = createYoga({
    schema,
    graphiql: false,
    logging: "warn",
    maskedErrors: false,
    context: () => ({ sessionConfig: { database } }),
});

const server = createServer((req, res) => {
    if (req.method === "GET" && req.url === "/_bench/cypher") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ queries: statements }));
        return;
    }
    yoga(req, res);
});
server.listen(port, "127.0.0.1", () => {
    console.log(`neo4j-graphql peer on http://127.0.0.1:${port}/graphql`);
});
const stop = () => server.close(() => driver.close().then(() => process.exit(0)));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
