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
      {total,month,week}.{svg,json}), and stats/REPORT.md. Files are rewritten only when their \
      bytes change.

      Use a badge in a README:
        ![downloads](stats/badges/requests-downloads-month.svg)
      or through shields' endpoint badge with the raw URL of the .json file.
      """)

  @Option(help: ArgumentHelp("The source whose series to render.", valueName: "source"))
  var source: String = PyPIStats.source

  @OptionGroup(title: "Store") var options: StoreOptions

  public init() {}

  public func run() async throws {
    try await options.withStages { config, stages in
      let lock = try stages.store.lock(timeout: options.lockTimeout)
      defer { withExtendedLifetime(lock) {} }
      let series = try stages.loadSeries(source: source)
      let stats = stages.packageStats(series, configured: config?.allPackages.map(\.normalized) ?? [])
      if stats.isEmpty { stages.console.report(Diagnostic(.warning, "no series to render yet; run `almanac aggregate` first", at: stages.store.root)) }
      try stages.render(stats: stats, render: config?.render ?? Config.Render())
    }
  }
}
