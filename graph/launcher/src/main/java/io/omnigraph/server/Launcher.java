package io.omnigraph.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community in this JVM with Bolt on 127.0.0.1 and auth on, as the Docker image does.
 *
 * <p>Usage: {@code java -cp 'lib/*' io.omnigraph.server.Launcher HOME PORT PASSWORD [PAGECACHE]}.
 * Prints {@code OMNIGRAPH-NEO4J READY bolt://127.0.0.1:PORT} once Bolt accepts connections and
 * shuts the databases down cleanly on SIGTERM.
 *
 * <p>With {@code -Domnigraph.plugins=DIR} the jars in DIR are loaded as plugins (the benchmark puts
 * APOC Core there) and {@code apoc.*} procedures run unrestricted, like
 * {@code server.directories.plugins=DIR} and {@code dbms.security.procedures.unrestricted=apoc.*}.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 3) {
            System.err.println("usage: Launcher HOME PORT PASSWORD [PAGECACHE]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = args[2];
        String pageCache = args.length > 3 ? args[3] : "256m";

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.udc_enabled, false) // dbms.usage_report.enabled
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(60));
        String plugins = System.getProperty("omnigraph.plugins");
        if (plugins != null && !plugins.isEmpty()) {
            builder.setConfig(GraphDatabaseSettings.plugin_dir, Path.of(plugins).toAbsolutePath())
                    .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"));
        }
        DatabaseManagementService dbms = builder.build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("OMNIGRAPH-NEO4J STOPPING");
            dbms.shutdown();
            stopped.countDown();
        }, "omnigraph-neo4j-shutdown"));

        try {
            dbms.database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (QueryExecutionException e) {
            // A restart on existing data: the password is already the one asked for.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                System.out.println("OMNIGRAPH-NEO4J FAILED " + e.getMessage());
                System.exit(1); // the shutdown hook stops the databases
            }
        }

        System.out.println("OMNIGRAPH-NEO4J READY bolt://127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }
}
