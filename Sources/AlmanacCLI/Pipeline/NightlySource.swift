import AlmanacKit
import Foundation

/// Everything one source needs for its part of a night.
public struct Night: Sendable {
  public var config: Config
  public var client: HTTPClient
  public var stages: Stages
  /// `--lookback-days`: how far back this run reaches (a backfill); nil means each source's
  /// nightly default.
  public var lookbackDays: Int?

  public init(config: Config, client: HTTPClient, stages: Stages, lookbackDays: Int? = nil) {
    self.config = config
    self.client = client
    self.stages = stages
    self.lookbackDays = lookbackDays
  }

  public var console: Console { stages.console }
  public var date: Day { stages.date }
}

/// How a source's night went.
public struct SourceResult: Sendable, Equatable {
  public enum Status: String, Sendable {
    /// Everything asked for arrived.
    case complete
    /// Some requests failed; what arrived was saved.
    case partial
    /// Nothing new arrived (stored data was still aggregated and rendered).
    case failed
  }

  public var source: String
  public var status: Status

  public init(source: String, status: Status) {
    self.source = source
    self.status = status
  }
}

/// What a source adds to the rendered files and to the run's summary, built from stored files
/// only (so `almanac render` and a night whose fetch failed show the same thing).
public struct SourceRendering: Sendable {
  public var source: String
  /// Markdown for `REPORT.md`, starting with a `## ` heading; empty when there is nothing yet.
  public var reportSection = ""
  /// The source's part of the HTML report (`--site`) and the charts it links to.
  public var site = Site.Section()
  /// Short figures for the commit message, most important first: `1,234 downloads (+8%)`.
  public var headlines: [String] = []
  /// Lines that explain the headlines (the commit message body and the step summary).
  public var details: [String] = []
  /// Top-level keys of `summary.json`: pypistats gives the seed's keys (package, timestamp,
  /// total_downloads, …); every other source one key of its own holding an object.
  public var summary: [String: JSONValue] = [:]
  /// `$GITHUB_OUTPUT` entries, e.g. `downloads` → `1234`.
  public var outputs: [(key: String, value: String)] = []

  public init(source: String) { self.source = source }
}

/// One source: its night in `almanac run`, its rendering, and what the generic stage commands
/// (`fetch`, `normalize`, `aggregate`, `config check`, `init`) ask of it. `almanac run` calls
/// `night` for every enabled source (each under the store lock the caller holds; one failing
/// source does not stop the others), then `render` for every source. Defaults for the optional
/// parts are in NightlySource+Stages.swift.
public protocol NightlySource: Sendable {
  var name: String { get }
  /// Whether the configuration turns this source on.
  func isEnabled(in config: Config) -> Bool
  /// Fetch → raw snapshot → normalize → classify → merge into series and summaries.
  func night(_ night: Night) async throws -> SourceResult
  /// Badges and other rendered files from what is stored; returns the source's part of the
  /// report and of the run summary.
  func render(_ night: Night) throws -> SourceRendering

  /// `almanac fetch <name>`: a message when the source does not take one of the given flags.
  func refusedFetchFlags(_ flags: FetchFlags) -> String?
  /// `almanac fetch <name>`: the source's fetch stage with the command's overrides applied.
  func fetch(_ request: FetchRequest) async throws
  /// Why `almanac normalize --source <name>` has nothing to do; nil when the source keeps
  /// `records/<name>/` (then `normalize` turns a raw snapshot into them).
  var noRecordsReason: String? { get }
  func normalize(_ raw: RawSnapshot, path: String) -> (records: RecordSet, diagnostics: [Diagnostic])
  /// After `almanac normalize` wrote a stored snapshot's records: any other file the source
  /// derives from the same raw snapshot (pypi's detail file).
  func normalizedStored(_ raw: RawSnapshot, stages: Stages) throws(AlmanacError)
  /// `almanac aggregate` (`--rebuild`: from the stored snapshots alone, byte for byte).
  func aggregate(_ stages: Stages, config: Config?, rebuild: Bool) throws(AlmanacError)
  /// `almanac config check`: lines (without indent or newline) saying what a night will do.
  func explain(_ config: Config, environment: [String: String]) -> [String]
  /// `almanac init`: the source's block under `sources:` (two-space indent, no final newline).
  func initSnippet(_ targets: InitTargets) -> String
  /// The environment variables that hold this source's secrets (their values are masked in
  /// every line Almanac prints).
  func secretVariables(_ config: Config) -> [String]
  /// The daily series alert rules watch and `summary.json`'s `windows` summarise, named
  /// `<source>.<subject>.<measure>`, from stored files only.
  func metrics(_ night: Night) throws(AlmanacError) -> [Metric]
  /// `almanac export` and the ClickHouse sink: the source's entities in the store, each with
  /// how its files read as tidy rows (`ExportRow`), in UTF-8 order of the entity. The default
  /// (NightlySource+Export.swift) reads `series/<name>/<entity>.csv` through `ExportRows.series`;
  /// a source whose files are not tidy series says how, or returns none.
  func exportEntities(_ store: Store) -> [Store.ExportEntity]
}

/// The CLI half of a source, found from its config section: a section type in
/// `SourceCatalog` conforms to this in the source's AlmanacCLI folder, so registering the
/// section is the one line that adds a source everywhere.
public protocol NightlySourceSection: SourceSection {
  static var nightly: any NightlySource { get }
}

public enum NightlySources {
  /// Every source this Almanac knows, in report order (`SourceCatalog`'s order).
  public static let all: [any NightlySource] = SourceCatalog.all.compactMap { ($0 as? any NightlySourceSection.Type)?.nightly }

  /// The source registered under `name`.
  public static func named(_ name: String) -> (any NightlySource)? { all.first { $0.name == name } }

  /// Every registered name, for messages.
  public static var names: [String] { all.map(\.name) }
}
