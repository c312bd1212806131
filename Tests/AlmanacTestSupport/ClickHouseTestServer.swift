import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// A real ClickHouse server for tests: Debian's `clickhouse-server` (18.16 or newer) started on
/// a free loopback HTTP port with a throw-away data directory and a configuration written here,
/// loaded with `ClickPyFixture`'s synthetic tables. One server per test process, started by the
/// first test that asks for it (`try await ClickHouseTestServer.shared()`).
///
/// The server runs under a small shell watchdog that stops it and deletes its directory as soon
/// as the test process is gone, however that process ends.
///
/// Tests that need it carry `.enabled(if: ClickHouseTestServer.runnable, …)`: without the
/// binary they are skipped (Swift Testing lists them as skipped with the reason) unless
/// `CI=true`, where they run and fail with a message saying what to install.
public final class ClickHouseTestServer: Sendable {
  /// `http://127.0.0.1:PORT`.
  public let baseURL: String
  public let directory: String
  /// The server also has `demo`, passwordless with the same limits, as the public endpoint.
  /// A read-only user like the public endpoint's `demo` (`readonly = 2`, a read budget with
  /// `read_overflow_mode = break`), but with a password, to test the credential headers.
  public static let user = "almanac_ro"
  public static let password = "ro-secret-7f3a"
  /// The read budget of `user`: an unfiltered query over the filler rows exceeds it.
  public static let maxRowsToRead = 60_000

  init(baseURL: String, directory: String) {
    self.baseURL = baseURL
    self.directory = directory
  }

  // MARK: finding the binary

  /// The command that runs a server: `clickhouse-server`, or `clickhouse server` (the single
  /// binary of newer releases). `ALMANAC_CLICKHOUSE_SERVER` overrides (`none`: act as if no
  /// server were installed).
  public static let command: [String]? = {
    let env = ProcessInfo.processInfo.environment
    if let explicit = env["ALMANAC_CLICKHOUSE_SERVER"], !explicit.isEmpty {
      return explicit == "none" ? nil : explicit.split(separator: " ").map(String.init)
    }
    let dirs = (env["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/bin", "/usr/local/bin"]
    for dir in dirs where FileManager.default.isExecutableFile(atPath: "\(dir)/clickhouse-server") {
      return ["\(dir)/clickhouse-server"]
    }
    for dir in dirs where FileManager.default.isExecutableFile(atPath: "\(dir)/clickhouse") {
      return ["\(dir)/clickhouse", "server"]
    }
    return nil
  }()

  public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

  /// Whether tests that need the server should run: it is installed, or CI requires it.
  public static var runnable: Bool { command != nil || isCI }

  public static let skipReason =
    "clickhouse-server is not installed (`apt-get install clickhouse-server`, or scripts/setup); with CI=true these tests fail instead"

  // MARK: the shared server

  private static let started = Task<ClickHouseTestServer, any Error> {
    var lastError: (any Error)?
    for _ in 0..<3 {
      do {
        let server = try await launch()
        try await ClickPyFixture.load(into: server)
        return server
      } catch let error as LaunchError where error.retryable {
        lastError = error
      }
    }
    throw lastError ?? LaunchError(message: "could not start clickhouse-server", retryable: false)
  }

  /// A server of its own with no tables (the demo recording loads other data than the fixture).
  /// It stops when the test process ends.
  public static func fresh() async throws -> ClickHouseTestServer {
    var lastError: (any Error)?
    for _ in 0..<3 {
      do {
        return try await launch()
      } catch let error as LaunchError where error.retryable {
        lastError = error
      }
    }
    throw lastError ?? LaunchError(message: "could not start clickhouse-server", retryable: false)
  }

  /// The process's server, loaded with `ClickPyFixture`. Throws a clear error when the binary is
  /// missing or the server does not come up.
  public static func shared() async throws -> ClickHouseTestServer {
    try await started.value
  }

  public struct LaunchError: Error, CustomStringConvertible {
    public var message: String
    var retryable: Bool
    public var description: String { message }
  }

  static func launch() async throws -> ClickHouseTestServer {
    guard let command else {
      throw LaunchError(
        message: "clickhouse-server is not installed, and CI=true requires the ClickHouse tests: install it with `apt-get install -y clickhouse-server` (scripts/setup does), or set ALMANAC_CLICKHOUSE_SERVER to a server command",
        retryable: false)
    }
    let port = try freePort()
    let dir = FileManager.default.temporaryDirectory.path + "/almanac-clickhouse-\(getpid())-\(port)"
    try? FileManager.default.removeItem(atPath: dir)
    try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
    try config(port: port, dir: dir).write(toFile: dir + "/config.xml", atomically: true, encoding: .utf8)
    try users().write(toFile: dir + "/users.xml", atomically: true, encoding: .utf8)
    let quoted = (command + ["--config-file=\(dir)/config.xml"]).map { "'\($0)'" }.joined(separator: " ")
    // The watchdog: stops the server (and removes its files) once the test process is gone.
    // 18.16 can hang in its graceful shutdown, so SIGKILL follows SIGTERM after 5 s.
    let script = """
      \(quoted) >'\(dir)/server.log' 2>&1 &
      ch=$!
      while kill -0 \(getpid()) 2>/dev/null && kill -0 $ch 2>/dev/null; do sleep 0.3; done
      # The server died on its own: leave its log for the launcher, which reports and removes it.
      kill -0 \(getpid()) 2>/dev/null && exit 0
      kill $ch 2>/dev/null
      for i in $(seq 1 50); do kill -0 $ch 2>/dev/null || break; sleep 0.1; done
      kill -9 $ch 2>/dev/null; wait $ch 2>/dev/null
      rm -rf '\(dir)'
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", script]
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let server = ClickHouseTestServer(baseURL: "http://127.0.0.1:\(port)", directory: dir)
    let start = Date()
    while Date().timeIntervalSince(start) < 60 {
      if let (status, body) = try? await server.send("/ping", body: nil), status == 200, body.hasPrefix("Ok") { return server }
      if !process.isRunning {
        let log = (try? String(contentsOfFile: dir + "/server.log", encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: dir)
        throw LaunchError(
          message: "clickhouse-server exited at start: \(log.suffix(600))", retryable: log.contains("Address already in use"))
      }
      try await Task.sleep(nanoseconds: 100_000_000)
    }
    throw LaunchError(message: "clickhouse-server did not answer /ping on port \(port) within 60 s", retryable: false)
  }

  static func freePort() throws -> Int {
    let (fd, port) = try Socket.listening(host: "127.0.0.1")
    close(fd)
    return port
  }

  static func config(port: Int, dir: String) -> String {
    """
    <?xml version="1.0"?>
    <yandex>
      <logger><level>warning</level><console>1</console></logger>
      <http_port>\(port)</http_port>
      <listen_host>127.0.0.1</listen_host>
      <path>\(dir)/data/</path>
      <tmp_path>\(dir)/data/tmp/</tmp_path>
      <user_files_path>\(dir)/data/user_files/</user_files_path>
      <format_schema_path>\(dir)/data/format_schemas/</format_schema_path>
      <users_config>\(dir)/users.xml</users_config>
      <default_profile>default</default_profile>
      <default_database>default</default_database>
      <timezone>UTC</timezone>
      <mark_cache_size>5368709</mark_cache_size>
      <max_concurrent_queries>50</max_concurrent_queries>
      <mlock_executable>false</mlock_executable>
    </yandex>

    """
  }

  static func users() -> String {
    """
    <?xml version="1.0"?>
    <yandex>
      <profiles>
        <default><max_memory_usage>2000000000</max_memory_usage></default>
        <public>
          <readonly>2</readonly>
          <max_rows_to_read>\(maxRowsToRead)</max_rows_to_read>
          <read_overflow_mode>break</read_overflow_mode>
        </public>
      </profiles>
      <users>
        <default>
          <password></password>
          <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
          <profile>default</profile><quota>default</quota>
        </default>
        <demo>
          <password></password>
          <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
          <profile>public</profile><quota>default</quota>
        </demo>
        <\(user)>
          <password>\(password)</password>
          <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
          <profile>public</profile><quota>default</quota>
        </\(user)>
      </users>
      <quotas><default></default></quotas>
    </yandex>

    """
  }

  // MARK: talking to it

  /// Runs `sql` as the administrator (`default`); throws with the server's message on failure.
  @discardableResult
  public func execute(_ sql: String) async throws -> String {
    let (status, body) = try await send("/", body: sql)
    guard status == 200 else { throw LaunchError(message: "ClickHouse refused `\(sql.prefix(120))`: \(body)", retryable: false) }
    return body
  }

  func send(_ path: String, body: String?) async throws -> (Int, String) {
    var request = URLRequest(url: URL(string: baseURL + path)!)
    request.timeoutInterval = 30
    if let body {
      request.httpMethod = "POST"
      request.httpBody = Data(body.utf8)
    }
    let (data, response) = try await URLSession.shared.data(for: request)
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
  }
}
