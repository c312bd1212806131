import Yams

/// A source's own part of `almanac.yml` (`sources.<name>`): a typed value the source defines,
/// parses and reads, kept by `Config` under the source's name. The generic parser knows no
/// source's keys; it hands each `sources.<name>` node to the section registered under that name.
public protocol SourceSection: Sendable {
  /// The key under `sources:` and the source's name everywhere (`stats/raw/<name>/`).
  static var name: String { get }
  /// `enabled: false` keeps a section in the file without running the source.
  var enabled: Bool { get }
  /// Whether this section alone names something to watch, so `targets` may name nothing (a
  /// Plausible site needs no package). The four first sources watch `targets`: false.
  var watchesOnItsOwn: Bool { get }
  func isEqual(to other: any SourceSection) -> Bool
}

extension SourceSection {
  public var watchesOnItsOwn: Bool { false }
}

extension SourceSection where Self: Equatable {
  public func isEqual(to other: any SourceSection) -> Bool { (other as? Self) == self }
}

/// A section that reads itself from YAML with the strict cursor (unknown keys, wrong types and
/// bad values are errors naming the key path and line).
protocol ParsedSourceSection: SourceSection {
  static func parse(_ node: Node, _ c: Cursor) throws(ConfigError) -> Self
}

/// The sections a configuration holds, by source name.
public struct SourceSections: Equatable, Sendable {
  var values: [String: any SourceSection] = [:]

  public init() {}

  public subscript<S: SourceSection>(_ type: S.Type) -> S? {
    get { values[S.name] as? S }
    set { values[S.name] = newValue }
  }

  /// Every section, by name.
  public var all: [String: any SourceSection] { values }

  public static func == (a: SourceSections, b: SourceSections) -> Bool {
    a.values.count == b.values.count && a.values.allSatisfy { key, value in b.values[key].map(value.isEqual(to:)) ?? false }
  }
}

/// Every source this Almanac ships, and the ones it only accepts switched off.
///
/// **Adding a source is one line here** (its section type, in report order) plus its folders:
/// `AlmanacKit/Collectors/<Name>/` (the section, decoders, merge, report: no I/O) and
/// `AlmanacCLI/Collectors/<Name>/` (the `NightlySource` the section provides: fetch, the
/// store, the stage commands). See docs/sources.md.
public enum SourceCatalog {
  static let sections: [any ParsedSourceSection.Type] = [
    Config.PyPIStatsSource.self, Config.PyPISource.self, Config.GitHubSource.self, Config.GitHubEventsSource.self,
    Config.PlausibleSource.self, Config.SentrySource.self, Config.RedditSource.self,
    Config.UsageSource.self,
  ]

  /// The registered section types, in report order.
  public static var all: [any SourceSection.Type] { sections }

  /// The names of the sources this version runs.
  public static var names: [String] { sections.map { $0.name } }

  /// Sources accepted in `almanac.yml` only with `enabled: false`, so a config written today
  /// keeps working when they ship. A source leaves this list when it is registered above.
  public static let planned: [String] = []
}

extension Config.PyPIStatsSource: ParsedSourceSection {
  public static var name: String { PyPIStats.source }
  static func parse(_ node: Node, _ c: Cursor) throws(ConfigError) -> Self { try ConfigParser.pypistats(node, c) }
}

extension Config.PyPISource: ParsedSourceSection {
  public static var name: String { PyPIClickHouse.source }
  static func parse(_ node: Node, _ c: Cursor) throws(ConfigError) -> Self { try ConfigParser.pypi(node, c) }
}

extension Config.GitHubSource: ParsedSourceSection {
  public static var name: String { GitHub.source }
  static func parse(_ node: Node, _ c: Cursor) throws(ConfigError) -> Self { try ConfigParser.github(node, c) }
}

extension Config.GitHubEventsSource: ParsedSourceSection {
  public static var name: String { GitHubEvents.source }
  static func parse(_ node: Node, _ c: Cursor) throws(ConfigError) -> Self { try ConfigParser.githubEvents(node, c) }
}
