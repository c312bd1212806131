import AlmanacKit
import ArgumentParser
import Foundation

extension Day: ExpressibleByArgument {
  public init?(argument: String) { self.init(argument) }
  public var defaultValueDescription: String { "today (UTC)" }
}

/// Flags every stage takes: where the store is, which day, how loud.
public struct StoreOptions: ParsableArguments {
  @Option(name: .customLong("stats-dir"), help: ArgumentHelp("The store directory.", valueName: "dir"))
  var statsDir: String?

  @Option(help: ArgumentHelp("The as-of day, YYYY-MM-DD in UTC. Output depends only on inputs and this date.", valueName: "date"))
  var date: Day?

  @Option(help: ArgumentHelp("Configuration file; used when it exists.", valueName: "file"))
  var config: String = "almanac.yml"

  @Flag(help: "Treat warnings as errors (exit 1 when any warning was reported).")
  var strict = false

  @Flag(help: "Replace files that exist but do not parse (normally Almanac refuses and says why).")
  var force = false

  @Flag(name: .shortAndLong, help: "Print only warnings and errors.")
  var quiet = false

  @Option(name: .customLong("lock-timeout"), help: ArgumentHelp("Seconds to wait for another run to release the store.", valueName: "seconds"))
  var lockTimeout: Double = 10

  public init() {}

  /// The earliest `--date` accepted: no source Almanac reads has data before 2005.
  static let earliestDate = Day(year: 2005, month: 1, day: 1) ?? Day(ordinal: 0)

  /// A `--date` after tomorrow (no source has answered for it yet; tomorrow allows for time
  /// zones) or before 2005 is a typo, refused before anything is read or written (exit 64).
  public func validate() throws {
    guard let date else { return }
    let tomorrow = Day(unixSeconds: Date().timeIntervalSince1970).adding(days: 1)
    if date > tomorrow {
      throw ValidationError("--date \(date) is after tomorrow (\(tomorrow), UTC): no source has answered for that day yet. Give the as-of day of a night that has happened, or leave --date out for today.")
    }
    if date < Self.earliestDate {
      throw ValidationError("--date \(date) is before \(Self.earliestDate): no source Almanac reads has data that old. Check the year.")
    }
  }

  /// Refuses a `--source` that names no registered source, listing the ones there are.
  static func checkSource(_ name: String?, flag: String = "--source") throws {
    guard let name, NightlySources.named(name) == nil else { return }
    throw ValidationError("\(flag) \(name): unknown source; the sources are \(NightlySources.names.joined(separator: ", ")).")
  }

  /// Today in UTC, unless `--date` says otherwise. The only place Almanac reads the clock.
  var asOf: Day { date ?? Day(unixSeconds: Date().timeIntervalSince1970) }

  /// The configuration if the file exists (or was named explicitly), else nil.
  func loadConfig(required: Bool = false) throws(AlmanacError) -> Config? {
    guard let text = try FileSystem.read(config) else {
      if required || config != "almanac.yml" {
        throw .usage("\(config): no such configuration file. Create one with `almanac config example > almanac.yml` and edit it, or pass --config FILE.")
      }
      return nil
    }
    do { return try ConfigParser.parse(text, path: config) } catch { throw .config(error) }
  }

  /// The common frame of a store command: one console, errors reported once, the optional
  /// configuration loaded, and the stages for the as-of day.
  func withStages(_ body: (Config?, Stages) async throws -> Void) async throws {
    let console = Console(quiet: quiet)
    try await reporting(console, strict: strict) {
      let config = try loadConfig()
      try await body(config, Stages(store: store(config: config), console: console, date: asOf))
    }
  }

  func store(config: Config?) -> Store {
    var store = Store(root: statsDir ?? config?.statsDir ?? "stats")
    store.force = force
    return store
  }
}

/// The input/output flags of the stages that transform one snapshot (normalize, classify).
public struct PipeOptions: ParsableArguments {
  @Argument(help: ArgumentHelp("A file to read, or `-` for standard input. Default: the store's snapshot of --date.", valueName: "input"))
  var input: String?

  @Option(name: .shortAndLong, help: ArgumentHelp("Write here instead of the store; `-` is standard output (the default when reading `-`).", valueName: "file"))
  var output: String?

  @Flag(help: "Process every snapshot in the store (up to --date).")
  var all = false

  @Option(name: .customLong("source"), help: ArgumentHelp("The source whose snapshots to read from the store (default: pypistats; with --all on normalize, every source).", valueName: "source"))
  var chosenSource: String?

  /// `--source`, pypistats when not given.
  var source: String { chosenSource ?? PyPIStats.source }

  public init() {}

  public func validate() throws {
    if all, input != nil { throw ValidationError("--all reads the store; it cannot be combined with an input file.") }
    try StoreOptions.checkSource(chosenSource)
  }

  /// The input's text and a name for messages, or nil when reading the store.
  func read(what: String) throws(AlmanacError) -> (text: String, name: String)? {
    guard let input else { return nil }
    if input == "-" { return (try readStandardInput(what: what), "<stdin>") }
    return (try readFile(input), input)
  }

  /// Where the result goes: `-o`, else stdout when reading stdin, else (nil) the store.
  var destination: String? { output ?? (input == "-" ? "-" : nil) }
}

/// Flags for the commands that talk to the network.
public struct NetworkOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Save every HTTP answer into this directory (for tests and demos).", valueName: "dir"))
  var record: String?

  @Option(help: ArgumentHelp("Answer every request from a recording instead of the network.", valueName: "dir"))
  var replay: String?

  public init() {}

  public func validate() throws {
    if record != nil, replay != nil { throw ValidationError("--record and --replay cannot be used together.") }
  }

  func client(config: Config, console: Console, environment: [String: String]) -> HTTPClient {
    var redactor = Redactor()
    var variables = Set(config.tokens.values).union(NightlySources.all.flatMap { $0.secretVariables(config) })
    if config.alerts.githubIssue != nil { variables.insert(config.githubTokenVariable) }
    let secrets = variables.sorted().compactMap { environment[$0] }.filter { !$0.isEmpty } + AlertChannels.secrets(config.alerts, environment: environment)
    for s in secrets { redactor.add(s) }
    console.redactor = redactor
    console.mask(secrets)
    let replaying = replay != nil
    var client = HTTPClient(
      transport: replay.map { HTTPTransport.replay(from: $0) } ?? .live(),
      policy: RetryPolicy(attempts: replaying ? 1 : config.http.attempts, maxWait: Double(config.http.maxRetryWait)),
      timeout: config.http.timeout, userAgent: HTTPClient.defaultUserAgent(contact: config.http.contact),
      redactor: redactor, recorder: record.map(Recorder.init(directory:)))
    client.deadline = Date().addingTimeInterval(Double(config.http.deadline))
    if replaying { client.sleep = { _ in } }
    return client
  }
}

/// Runs a command body, turning Almanac errors into one clear message and exit code 1, and
/// `--strict` warnings into a failure.
func reporting(_ console: Console, strict: Bool = false, _ body: () async throws -> Void) async throws {
  do {
    try await body()
  } catch let error as AlmanacError {
    console.report(Diagnostic(.error, error.description))
    throw ExitCode.failure
  }
  if strict, console.warningCount > 0 {
    console.report(Diagnostic(.error, "\(console.warningCount) warning(s) and --strict is set"))
    throw ExitCode.failure
  }
}

/// Reads all of standard input as UTF-8.
func readStandardInput(what: String) throws(AlmanacError) -> String {
  let data = FileHandle.standardInput.readDataToEndOfFile()
  guard !data.isEmpty else {
    throw .input("standard input is empty; expected \(what). Pipe a stage's output in, or name a file instead of `-`.")
  }
  guard let text = String(data: data, encoding: .utf8) else { throw .input("standard input is not UTF-8 text; expected \(what).") }
  return text
}
