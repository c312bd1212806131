import AlmanacKit
import ArgumentParser
import Foundation

public struct ExportCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export every series in one tidy table: JSON Lines, CSV or Parquet.",
    discussion: """
      One row per observation, the same columns in every format (schemas/export.row.schema.json):
      date, source, entity (package, owner/repo, site or project), metric, dimension, category
      (null for a total), value (null when the source did not give it), provisional.
      Rows are sorted by source, entity, metric, dimension, category, date.

        almanac export --format parquet -o exports/     # exports/almanac-export.parquet
        almanac export --format csv --source pypistats --since 2026-01-01 -o - | less

      json is JSON Lines (one object per line); csv is for people: cells that a spreadsheet
      would run as a formula (=, +, -, @) are written as text. Parquet has DATE, STRING, INT64
      and BOOLEAN columns, dictionary-encoded strings and Snappy pages (--compression).
      Stargazers, forks' names and profiles are never exported.

      --to clickhouse loads the same rows into a ClickHouse table over HTTP instead (the
      database and table are created if missing; each source's partition is replaced in one
      step, so loading twice gives the same table; see docs/scale.md):

        ALMANAC_CH_PASSWORD=… almanac export --to clickhouse --url http://ch:8123 --user almanac --password-env ALMANAC_CH_PASSWORD

      Without --url it uses sinks.clickhouse from almanac.yml.
      """)

  @Option(help: ArgumentHelp("json (JSON Lines), csv or parquet (default: json).", valueName: "format"))
  var format: ExportFormat?

  @Option(help: ArgumentHelp("Only this source (default: every source with series).", valueName: "source"))
  var source: String?

  @Option(help: ArgumentHelp("First day to export (YYYY-MM-DD).", valueName: "date"))
  var since: Day?

  @Option(help: ArgumentHelp("Last day to export (YYYY-MM-DD).", valueName: "date"))
  var until: Day?

  @Option(name: .shortAndLong, help: ArgumentHelp("A directory for almanac-export.<ext>, or `-` for standard output.", valueName: "dir"))
  var output: String = "-"

  @Option(help: ArgumentHelp("Parquet page compression: snappy, gzip or none.", valueName: "codec"))
  var compression: String = "snappy"

  @Option(name: .customLong("row-group-rows"), help: ArgumentHelp("Rows per Parquet row group.", valueName: "n"))
  var rowGroupRows: Int = 1_000_000

  @OptionGroup(title: "ClickHouse") var clickhouse: ClickHouseSinkOptions

  @OptionGroup(title: "Store") var options: StoreOptions

  public init() {}

  public func validate() throws {
    if clickhouse.to != nil {
      let refused = [(format != nil, "--format"), (since != nil, "--since"), (until != nil, "--until"), (output != "-", "--output")]
        .filter(\.0).map(\.1)
      if !refused.isEmpty {
        throw ValidationError("\(refused.joined(separator: ", ")) cannot be combined with --to clickhouse: the sink always loads every day of each source it replaces (use --source to load one).")
      }
      return
    }
    let format = self.format ?? .json
    if let since, let until, until < since { throw ValidationError("--until \(until) is before --since \(since); give a range whose first day comes first.") }
    if ParquetCodec.byName[compression] == nil { throw ValidationError("--compression \(compression): expected snappy, gzip or none.") }
    if format != .parquet, compression != "snappy" { throw ValidationError("--compression applies to --format parquet only.") }
    if rowGroupRows < 1 { throw ValidationError("--row-group-rows must be at least 1.") }
    if format == .parquet, output == "-", isatty(STDOUT_FILENO) != 0 {
      throw ValidationError("--format parquet writes binary data; name a directory with -o DIR, or redirect standard output to a file.")
    }
  }

  public func run() async throws {
    let format = self.format ?? .json
    try await options.withStages { config, stages in
      let known = NightlySources.all.map(\.name)
      if let source, !known.contains(source) {
        throw AlmanacError.usage("--source \(source): no such source (known: \(known.joined(separator: ", "))).")
      }
      if clickhouse.to != nil {
        try await clickhouse.load(config: config, stages: stages, source: source)
        return
      }
      let entities = stages.store.exportEntities(source: source)
      if entities.isEmpty {
        stages.console.report(Diagnostic(.warning, "no series to export yet; run `almanac aggregate` (or `almanac run`) first", at: stages.store.root))
      }
      let path = output == "-" ? nil : "\(output)/almanac-export.\(format.fileExtension)"
      let out = try ExportOutput(path: path, console: stages.console)
      do {
        let rows = try ExportStream.write(
          entities, filter: ExportFilter(source: source, since: since, until: until), format: format,
          codec: ParquetCodec.byName[compression] ?? .snappy, rowGroupRows: rowGroupRows, to: out)
        try out.commit()
        if let path { stages.console.note("\(path): \(rows) rows, \(out.byteCount) bytes") }
      } catch {
        out.discard()
        throw error
      }
    }
  }
}

extension ExportFormat: ExpressibleByArgument {}
