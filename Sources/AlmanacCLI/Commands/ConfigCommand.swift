import AlmanacKit
import ArgumentParser
import Foundation

public struct ConfigCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "config",
    abstract: "Check or start an almanac.yml.",
    subcommands: [Check.self, Get.self, Example.self])

  public init() {}

  struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Validate a configuration and explain what a night will do with it.",
      discussion: """
        Unknown keys, wrong types and missing values are reported with the key path and line \
        (`almanac.yml:7: sources.pypistats.package: expected a string, found a list`). Token \
        variables named under `tokens:` are checked for presence, never printed.
        """)

    @Option(help: ArgumentHelp("The configuration file.", valueName: "file"))
    var config: String = "almanac.yml"

    func run() async throws {
      let console = Console()
      try await reporting(console) {
        let parsed = try ConfigCommand.load(config)
        console.data(Self.explain(parsed, path: config, environment: ProcessInfo.processInfo.environment))
      }
    }

    static func explain(_ c: Config, path: String, environment: [String: String]) -> String {
      var out = "\(path) is valid.\n"
      out += "  packages: \(c.packages.isEmpty ? "none" : c.packages.map(\.normalized).joined(separator: ", "))\n"
      if !c.repos.isEmpty { out += "  repos: \(c.repos.joined(separator: ", "))\n" }
      for source in NightlySources.all {
        for line in source.explain(c, environment: environment) { out += "  \(line)\n" }
      }
      for (name, variable) in c.tokens.sorted(by: { $0.key < $1.key }) {
        out += "  token \(name): from $\(variable) (\(environment[variable].map { $0.isEmpty ? "set but empty" : "set" } ?? "not set in this shell"))\n"
      }
      out += "  store: \(c.statsDir)/; raw snapshots kept \(c.retention.rawDays == 0 ? "forever" : "for \(c.retention.rawDays) days (older ones stay in git history)")\n"
      out += "  http: \(c.http.timeout) s per request, \(c.http.attempts) attempts, \(c.http.deadline) s per source, server-requested waits up to \(c.http.maxRetryWait) s\n"
      out += AlertChannels.explain(c.alerts, config: c, environment: environment)
      out += "  render: badges \(c.render.badges ? "on" : "off"), REPORT.md \(c.render.report ? "on" : "off")\n"
      return out
    }
  }

  struct Get: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print one setting, defaults applied, for scripts.",
      discussion: """
        Keys: stats_dir; packages and repos (one per line). The nightly action runs \
        `almanac config get stats_dir` to learn which directory to commit.
        """)

    static let keys = ["stats_dir", "packages", "repos"]

    @Argument(help: ArgumentHelp("stats_dir, packages or repos.", valueName: "key"))
    var key: String

    @Option(help: ArgumentHelp("The configuration file.", valueName: "file"))
    var config: String = "almanac.yml"

    func validate() throws {
      guard Self.keys.contains(key) else { throw ValidationError("unknown key `\(key)`; available: \(Self.keys.joined(separator: ", ")).") }
    }

    func run() async throws {
      let console = Console()
      try await reporting(console) {
        let parsed = try ConfigCommand.load(config)
        let values = key == "stats_dir" ? [parsed.statsDir] : key == "packages" ? parsed.allPackages.map(\.normalized) : parsed.repos
        console.data(values.map { $0 + "\n" }.joined())
      }
    }
  }

  /// The configuration at `path`, or an error that says how to start one.
  static func load(_ path: String) throws(AlmanacError) -> Config {
    guard let text = try FileSystem.read(path) else {
      throw .usage("\(path): no such configuration file. Start one with `almanac init` or `almanac config example > almanac.yml`.")
    }
    do { return try ConfigParser.parse(text, path: path) } catch { throw .config(error) }
  }

  struct Example: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a commented example almanac.yml.")

    func run() async throws { FileHandle.standardOutput.write(Data(ConfigExample.text.utf8)) }
  }
}

enum ConfigExample {
  /// What `almanac init` writes, with a placeholder package.
  static let text = InitTemplates.config(.example)
}
