import AlmanacKit
import ArgumentParser
import Foundation

public struct ConfigCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "config",
    abstract: "Check or start an almanac.yml.",
    subcommands: [Check.self, Example.self])

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
        guard let text = try FileSystem.read(config) else {
          throw AlmanacError.usage("\(config): no such configuration file. Start from `almanac config example > almanac.yml`.")
        }
        let parsed: Config
        do { parsed = try ConfigParser.parse(text, path: config) } catch let error as ConfigError { throw AlmanacError.config(error) }
        console.data(Self.explain(parsed, path: config, environment: ProcessInfo.processInfo.environment))
      }
    }

    static func explain(_ c: Config, path: String, environment: [String: String]) -> String {
      var out = "\(path) is valid.\n"
      out += "  packages: \(c.packages.isEmpty ? "none" : c.packages.map(\.normalized).joined(separator: ", "))\n"
      if !c.repos.isEmpty { out += "  repos: \(c.repos.joined(separator: ", ")) (no repository source is available in this version yet)\n" }
      if let p = c.pypistats, p.enabled {
        let n = c.pypistatsPackages.count * PyPIStats.endpoints.count
        out += "  source pypistats: \(c.pypistatsPackages.map(\.normalized).joined(separator: ", ")) — \(n) requests a night, \(CanonicalJSON.number(p.requestInterval)) s apart, from \(p.baseURL)\n"
      } else {
        out += "  source pypistats: disabled\n"
      }
      for (name, variable) in c.tokens.sorted(by: { $0.key < $1.key }) {
        out += "  token \(name): from $\(variable) (\(environment[variable].map { $0.isEmpty ? "set but empty" : "set" } ?? "not set in this shell"))\n"
      }
      out += "  store: \(c.statsDir)/; raw snapshots kept \(c.retention.rawDays == 0 ? "forever" : "for \(c.retention.rawDays) days (older ones stay in git history)")\n"
      out += "  http: \(c.http.timeout) s per request, \(c.http.attempts) attempts, \(c.http.deadline) s per source, server-requested waits up to \(c.http.maxRetryWait) s\n"
      out += "  render: badges \(c.render.badges ? "on" : "off"), REPORT.md \(c.render.report ? "on" : "off")\n"
      return out
    }
  }

  struct Example: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a commented example almanac.yml.")

    func run() async throws { FileHandle.standardOutput.write(Data(ConfigExample.text.utf8)) }
  }
}

enum ConfigExample {
  static let text = """
    # almanac.yml — what Almanac watches and how. Check it with `almanac config check`.
    version: 1

    # Where the dated files go (committed to git).
    stats_dir: stats

    targets:
      packages: [your-package]      # PyPI project names; the first is the primary one
      # repos: [owner/name]         # GitHub repositories (collectors arrive in a later version)

    sources:
      pypistats:
        enabled: true
        # packages: [other-package] # default: targets.packages
        # base_url: https://pypistats.org/api
        request_interval: 2.5       # seconds between requests; pypistats.org allows 30/minute per IP

    # Tokens are read from environment variables named here; never put a token in this file.
    tokens: {}
      # github: ALMANAC_GITHUB_TOKEN

    classification:
      # pypistats.org's own mirror list; its without_mirrors series excludes exactly these.
      mirrors: [bandersnatch, z3c.pypimirror, Artifactory, devpi]

    http:
      timeout: 30                   # whole seconds per request
      attempts: 4                   # tries per request (5xx, 429 and network errors are retried)
      deadline: 600                 # seconds per source, waits included
      max_retry_wait: 120           # longest Retry-After Almanac will honour
      # contact: you@example.org    # added to the User-Agent

    render:
      badges: true
      report: true
      label_color: grey

    retention:
      raw_days: 0                   # 0 keeps raw snapshots in the working tree forever

    """
}
