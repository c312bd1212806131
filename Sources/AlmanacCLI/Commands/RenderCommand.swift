import AlmanacKit
import ArgumentParser
import Foundation

public struct RenderCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "render",
    abstract: "Draw badges and the report from the series.",
    discussion: """
      Reads stats/series/<source>/*.csv and writes, per package, flat SVG badges that match \
      shields.io byte for byte and their shields endpoint JSON (stats/badges/<package>-downloads-\
      {total,month,week}.{svg,json}), stats/summary.json (the seed's keys plus each source's \
      section) and stats/REPORT.md; with --site, the HTML report. Files are rewritten only when \
      their bytes change.

      Use a badge in a README:
        ![downloads](stats/badges/requests-downloads-month.svg)
      or through shields' endpoint badge with the raw URL of the .json file, or keep a block of
      badges and headline figures in the README with `almanac render readme README.md`.

      --chart-timings FILE times each chart's drawing (a clock only the command reads) and \
      writes the times as JSON; Benchmarks/page-render uses it for the 300 ms per-chart budget.
      """,
    subcommands: [RenderReadmeCommand.self])

  @Option(help: ArgumentHelp("Render only this source's files (default: every source).", valueName: "source"))
  var source: String?

  @OptionGroup(title: "Store") var options: StoreOptions

  @Option(help: ArgumentHelp(
    "Also write the HTML report and its charts into this directory (for GitHub Pages; outside the stats directory, never committed).",
    valueName: "dir"))
  var site: String?

  @Option(help: ArgumentHelp(
    "Write how long each chart took to draw into this JSON file (kind, title, milliseconds; the slowest and the total). For Benchmarks/page-render; outside the stats directory.",
    valueName: "file"))
  var chartTimings: String?

  public init() {}

  public func validate() throws { try StoreOptions.checkSource(source) }

  public func run() async throws {
    try await options.withStages { config, stages in
      let lock = try stages.store.lock(timeout: options.lockTimeout)
      defer { withExtendedLifetime(lock) {} }
      let config = config ?? Config()
      let night = Night(config: config, client: HTTPClient(transport: .unavailable), stages: stages)
      let sources = NightlySources.all.filter { source == nil || $0.name == source }
      if let source, sources.isEmpty {
        throw AlmanacError.usage("--source \(source): no such source (known: \(NightlySources.all.map(\.name).joined(separator: ", ")))")
      }
      if let site { try stages.checkSiteDirectory(site) }
      if let chartTimings {
        try stages.checkOutsideStore(chartTimings, option: "--chart-timings", why: "timings differ on every run and are no data to commit. Name a file outside it, such as /tmp/chart-timings.json.")
      }
      let timings = chartTimings.map { _ in ChartTimings() }
      let renderings = try ChartTimer.$current.withValue(timings?.timer) {
        try Nightly.renderAll(sources, night: night, site: site).renderings
      }
      if let chartTimings, let timings {
        try FileSystem.atomicWrite(Data(timings.json().utf8), to: chartTimings)
        stages.console.note("wrote \(chartTimings) (\(timings.recorded.count) charts)")
      }
      if renderings.allSatisfy({ $0.reportSection.isEmpty }) {
        stages.console.report(Diagnostic(.warning, "no series to render yet; run `almanac aggregate` first", at: stages.store.root))
      }
    }
  }
}
