import ArgumentParser

/// `almanac`: the umbrella over every stage, plus `run`, `demo`, `init` and `config`.
public struct AlmanacCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "almanac",
    abstract: "Keep a project's adoption history — downloads, badges, a report — as dated files in git.",
    discussion: """
      Five idempotent stages, each also its own executable (almanac-fetch, …):

        fetch      APIs → stats/raw/<source>/<date>.json (the only network stage)
        normalize  raw → stats/records/<source>/<date>.csv
        classify   records → stats/classified/<source>/<date>.csv
        aggregate  snapshots → stats/series/…, downloads_<date>.csv/json
        render     series → badges, summary.json, REPORT.md (--site: HTML)
        export     series → one tidy table (JSON Lines, CSV, Parquet)

      Sources: pypistats (pypistats.org), pypi and github-events (ClickHouse),
      github (the GitHub API: traffic, stars, forks, releases), plausible, sentry,
      usage (opt-in usage events; `almanac usage export|forget ID`).

      `almanac run` does a whole night; `almanac demo` does it offline on
      bundled data; `almanac init` sets up a repository for the nightly job on
      GitHub Actions. Stages read and write `-` (stdin/stdout), so they pipe:

        almanac-fetch pypistats --package requests -o - \\
          | almanac-normalize - | almanac-aggregate --stdout -

      Exit codes: 0 ok, 1 failure, 3 partial (some sources failed, the rest
      were saved), 64 usage.
      """,
    version: HTTPClient.version,
    subcommands: [
      RunCommand.self, FetchCommand.self, NormalizeCommand.self, ClassifyCommand.self, AggregateCommand.self,
      RenderCommand.self, DemoCommand.self, InitCommand.self, ConfigCommand.self, ClassifyDetailCommand.self,
      ImportCommand.self, RedditCommand.self, UsageCommand.self, ExportCommand.self, BenchAlertsCommand.self, MigrateCommand.self,
    ])

  public init() {}
}
