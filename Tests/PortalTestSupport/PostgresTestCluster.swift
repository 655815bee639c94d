import Foundation
import Logging
import PostgresNIO

/// A throwaway PostgreSQL cluster for the tests, started once per test process when PostgreSQL is
/// installed: `initdb` into a temporary directory (as the `postgres` system user when running as root,
/// since PostgreSQL refuses root), `pg_ctl start` listening on a Unix socket in that directory only
/// (`listen_addresses=''`: no TCP port), fsync off. It is stopped and removed when the process exits;
/// a cluster left behind by a process that crashed is stopped by the next one.
///
/// Roles: `postgres` (the superuser; tests use it to reach across tenants and to create databases),
/// `leora` (what the portal connects as: NOSUPERUSER NOBYPASSRLS, the owner of each test database), and
/// `leora_bypass` (BYPASSRLS, which the portal must refuse).
public final class PostgresTestCluster: Sendable {
    public static let appRole = "leora"
    public static let bypassRole = "leora_bypass"
    public static let superuser = "postgres"

    /// The directory holding the socket (and the data, and the log).
    public let directory: String
    private let admin: PostgresClient
    private let adminTask: Task<Void, Never>

    private init(directory: String, admin: PostgresClient, adminTask: Task<Void, Never>) {
        self.directory = directory
        self.admin = admin
        self.adminTask = adminTask
    }

    /// `/usr/lib/postgresql/N/bin` of the newest installed version.
    public static let binaries: String? = {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted(by: >)
        return versions.map { "\(root)/\($0)/bin" }.first { FileManager.default.isExecutableFile(atPath: "\($0)/initdb") }
    }()

    public static var isInstalled: Bool { binaries != nil }

    /// The cluster of this process, started on first use.
    public static func shared() async throws -> PostgresTestCluster {
        try await started.value
    }

    private static let started = Task { try await start() }

    // MARK: Databases

    /// A URL for `role` to `database` over the cluster's socket, libpq style.
    public func url(database: String, role: String = PostgresTestCluster.appRole) -> String {
        "postgres://\(role)@/\(database)?host=\(directory)"
    }

    /// A new, empty database owned by `leora`; its URL (as `leora`).
    public func createDatabase() async throws -> (name: String, url: String) {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        try await admin.run(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name) OWNER \(Self.appRole)"))
        return (name, url(database: name))
    }

    /// Drops the database, ending its sessions first.
    public func dropDatabase(_ name: String) async throws {
        try await admin.run(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
    }

    /// A client connected to `database` as `role` (the superuser unless said otherwise), running until `body` returns.
    public func withClient<T: Sendable>(
        database: String, role: String = PostgresTestCluster.superuser, _ body: (PostgresClient) async throws -> T
    ) async throws -> T {
        var configuration = PostgresClient.Configuration(
            unixSocketPath: "\(directory)/.s.PGSQL.5432", username: role, password: nil, database: database)
        configuration.options.maximumConnections = 2
        configuration.options.additionalStartupParameters = [("TimeZone", "UTC")]
        let client = PostgresClient(configuration: configuration, backgroundLogger: Self.quietLogger)
        let task = Task { await client.run() }
        defer { task.cancel() }
        return try await body(client)
    }

    static let quietLogger: Logger = {
        var logger = Logger(label: "postgres-test-cluster")
        logger.logLevel = .critical
        return logger
    }()

    // MARK: Start and stop

    private static func start() async throws -> PostgresTestCluster {
        guard let binaries else { throw TestFailure("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)") }
        sweepAbandonedClusters(binaries: binaries)
        // Short: a socket path is limited to about 107 bytes.
        var template = Array("/tmp/lpg.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw TestFailure("mkdtemp failed") }
        let directory = String(cString: made)
        let asRoot = getuid() == 0
        chmod(directory, 0o755)
        if asRoot { try run("/bin/chown", ["postgres:postgres", directory]) }
        try Data("\(getpid())".utf8).write(to: URL(fileURLWithPath: "\(directory)/owner.pid"))
        let data = "\(directory)/data"
        let options = "-k \(directory) -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400"
        // Off the cooperative pool: initdb takes a second or two.
        try await onOwnThread {
            Result {
                try runAsPostgres(asRoot, "\(binaries)/initdb", ["-D", data, "--no-sync", "-A", "trust", "-U", superuser, "-E", "UTF8", "--locale=C"])
                try runAsPostgres(asRoot, "\(binaries)/pg_ctl", ["-D", data, "-w", "-t", "60", "-l", "\(directory)/log", "-o", options, "start"])
            }
        }.get()
        clusterForExit = (binaries, directory)
        atexit {
            guard let cluster = clusterForExit else { return }
            PostgresTestCluster.stop(binaries: cluster.binaries, directory: cluster.directory)
        }
        var configuration = PostgresClient.Configuration(
            unixSocketPath: "\(directory)/.s.PGSQL.5432", username: superuser, password: nil, database: "postgres")
        configuration.options.maximumConnections = 4
        let admin = PostgresClient(configuration: configuration, backgroundLogger: quietLogger)
        let task = Task { await admin.run() }
        try await admin.run(
            PostgresQuery(unsafeSQL: "CREATE ROLE \(appRole) LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE"))
        try await admin.run(PostgresQuery(unsafeSQL: "CREATE ROLE \(bypassRole) LOGIN NOSUPERUSER BYPASSRLS"))
        return PostgresTestCluster(directory: directory, admin: admin, adminTask: task)
    }

    private static func stop(binaries: String, directory: String) {
        let asRoot = getuid() == 0
        try? runAsPostgres(asRoot, "\(binaries)/pg_ctl", ["-D", "\(directory)/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Stops clusters in `/tmp/lpg.*` whose test process is gone (it crashed before its exit handler ran).
    private static func sweepAbandonedClusters(binaries: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? [] where name.hasPrefix("lpg.") {
            let directory = "/tmp/\(name)"
            guard let text = try? String(contentsOfFile: "\(directory)/owner.pid", encoding: .utf8), let pid = pid_t(text) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { stop(binaries: binaries, directory: directory) }
        }
    }

    private static func runAsPostgres(_ asRoot: Bool, _ executable: String, _ arguments: [String]) throws {
        if asRoot {
            try run("/usr/sbin/runuser", ["-u", "postgres", "--", executable] + arguments)
        } else {
            try run(executable, arguments)
        }
    }

    /// Runs a command to its end with posix_spawn and waitpid. Not `Process`: the server that pg_ctl starts
    /// outlives it, and `Process` was seen waiting for ever on such a command.
    private static func run(_ executable: String, _ arguments: [String]) throws {
        let outputPath = NSTemporaryDirectory() + "lpg-command-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        actions.closeDescriptorsAboveStandardError()
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw TestFailure("\(executable) could not be started (\(spawned))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exited = status & 0x7f == 0
        guard exited && (status >> 8) & 0xff == 0 else {
            throw TestFailure("\(executable) \(arguments.joined(separator: " ")) failed (status \(status)): \(text)")
        }
    }
}

/// The cluster the exit handler stops (a C function pointer captures nothing).
nonisolated(unsafe) private var clusterForExit: (binaries: String, directory: String)?

extension PostgresClient {
    /// Runs a statement to its end (its rows read, so its connection goes back to the pool).
    public func run(_ statement: PostgresQuery) async throws {
        for try await _ in try await query(statement) {}
    }
}
