import AlmanacKit
import ArgumentParser
import Foundation

public struct DemoCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Run the nightly job offline on a bundled recording.",
    discussion: """
      Replays a recording of a made-up package, `tidewater`, and its repository \
      `tidewater-dev/tidewater` through every stage into a directory, never the repository's \
      own stats/. No network, no token. Four nights between 2026-05-26 and 2026-11-22 of six \
      sources: pypistats.org (a year of daily downloads with weekday rhythm, releases, mirror \
      spikes, an outage day and revised days), PyPI's download log in ClickHouse (`pypi`: the \
      first night backfills \(firstNightLookbackDays) days; installers, classes, the human share, \
      the behind-proxy estimate, and a day where pypistats.org and ClickHouse disagree) and \
      GitHub events in ClickHouse (`github-events`: stars, forks, releases), and the GitHub API \
      (`github`: counts, traffic with partial window edges, stargazers, forks, releases and \
      their asset downloads), and Plausible (`plausible`: the documentation site \
      docs.tidewater.dev, launched 2026-11-01: daily visitors, visits, pageviews, visit duration, \
      bounce rate, top pages and countries), and Sentry (`sentry`: error events per day of the \
      project, accepted, filtered and rate-limited), Reddit (`reddit`: the 1.0 announcement and a \
      question a moderator later removed: score, upvote ratio, comments, removed/locked state), and opt-in usage events (`usage`: the \
      package's telemetry collector, switched on 2026-11-01; events without consent dropped, \
      error texts scrubbed, only k-anonymous daily aggregates stored).

      Running it again over the same directory goes on from the newest night it holds and \
      replays that night again, which changes no file.

      Example:
        swift run almanac demo --out /tmp/almanac-demo && cat /tmp/almanac-demo/REPORT.md
      """)

  @Option(help: ArgumentHelp("Where to write the demo store.", valueName: "dir"))
  var out: String = "demo-output"

  @Option(help: ArgumentHelp("A recording directory with one sub-directory per night (default: the bundled one).", valueName: "dir"))
  var recording: String?

  @Flag(name: .shortAndLong, help: "Print only warnings, errors and the final summary.")
  var quiet = false

  public init() {}

  public static let package = "tidewater"
  public static let repo = "tidewater-dev/tidewater"
  /// The documentation site in Plausible (launched 2026-11-01, so the May night finds nothing).
  public static let docsSite = "docs.tidewater.dev"
  /// The package's opt-in telemetry collector (switched on 2026-11-01), serving its last 14 days.
  public static let usageURL = "https://telemetry.tidewater.dev/v1/events.ndjson"
  /// The first night backfills this many days from ClickHouse (`--lookback-days`).
  public static let firstNightLookbackDays = 400

  /// The demo's configuration: pypistats.org, PyPI from ClickHouse and GitHub events for the
  /// made-up package and repository, at the public endpoints (the recording answers for them).
  /// `DemoRecordingTests` records the ClickHouse answers with this same configuration.
  public static func config(out: String) -> Config {
    var config = Config()
    config.statsDir = out
    config.packages = [PackageName(package)].compactMap { $0 }
    var pypistats = Config.PyPIStatsSource()
    pypistats.requestInterval = 0
    config.pypistats = pypistats
    config.pypi = Config.PyPISource()
    var events = Config.GitHubEventsSource()
    events.repos = [repo]
    config.githubEvents = events
    var github = Config.GitHubSource()
    github.repos = [repo]
    config.github = github
    var plausible = Config.PlausibleSource()
    plausible.sites = [docsSite]
    config.plausible = plausible
    var sentry = Config.SentrySource()
    sentry.org = "tidewater-dev"
    sentry.projects = [package]
    config.sentry = sentry
    var reddit = Config.RedditSource()
    reddit.username = "tidewater-maintainer"
    reddit.posts = [
      Reddit.TrackedPost(url: "https://www.reddit.com/r/Python/comments/1cx7q2k/tidewater_10_flatfile_metrics/", label: "1.0 announcement"),
      Reddit.TrackedPost(url: "https://www.reddit.com/r/learnpython/comments/1bq4t8m/", label: "tidewater question"),
    ].compactMap { $0 }
    config.reddit = reddit
    var usage = Config.UsageSource()
    usage.input = usageURL
    config.usage = usage
    config.alerts.rules = alertRules
    return config
  }

  /// The demo's sources: every source, the GitHub API and Plausible ones with stand-in keys (the
  /// recording answers as the services answer an owner's key; no request leaves the machine).
  public static let sources: [any NightlySource] = NightlySources.all.map { source in
    switch source {
    case is GitHubNightly: GitHubNightly(environment: ["ALMANAC_GITHUB_TOKEN": "demo-token-replayed-never-sent"])
    case is PlausibleNightly: PlausibleNightly(environment: ["PLAUSIBLE_API_KEY": "demo-plausible-key-replayed-never-sent"])
    case is SentryNightly: SentryNightly(environment: ["SENTRY_AUTH_TOKEN": "demo-sentry-token-replayed-never-sent"])
    case is RedditNightly: RedditNightly(environment: ["REDDIT_CLIENT_ID": "demo-reddit-client-id", "REDDIT_CLIENT_SECRET": "demo-reddit-secret-replayed-never-sent"])
    default: source
    }
  }

  /// The HTML report goes beside the stats directory, never inside it.
  var site: String { out + "-site" }

  public func run() async throws {
    let console = Console(quiet: quiet)
    try await reporting(console) {
      guard let root = recording ?? Self.bundledRecording() else {
        throw AlmanacError.input("the bundled demo recording is missing from this build; pass --recording DIR (see scripts/make-demo-recording).")
      }
      let nights = FileSystem.list(root).compactMap { Day($0) }
      guard !nights.isEmpty else { throw AlmanacError.input("\(root): no night directories (YYYY-MM-DD) in the recording.") }
      let config = Self.config(out: out)
      // A directory that already holds some nights goes on from there: replaying an earlier
      // night over later data would be a different night (GitHub's stargazer crawl, say, would
      // see stars "disappear"). The newest night it holds is replayed again, which must change
      // nothing.
      let held = Set(Store(root: out).snapshotDays("raw", PyPIStats.source))
      let newestHeld = nights.last { held.contains($0) }
      for night in nights where newestHeld.map({ night >= $0 }) ?? true {
        console.note("== night \(night) ==")
        var client = HTTPClient(transport: .replay(from: "\(root)/\(night)"), policy: RetryPolicy(attempts: 1), sleep: { _ in })
        client.deadline = nil
        let stages = Stages(store: Store(root: out), console: console, date: night)
        let lookback = night == nights.first ? Self.firstNightLookbackDays : nil
        if try await Nightly.run(
          config: config, client: client, stages: stages, lockTimeout: 10, lookbackDays: lookback, site: site, sources: Self.sources
        ) != .complete {
          throw AlmanacError.input("the demo recording for \(night) is incomplete; regenerate it with scripts/make-demo-recording")
        }
      }
      let store = Store(root: out)
      console.quiet = false
      console.note("""

        Demo done: \(nights.count) nights replayed into \(out)/
          report:   \(store.reportPath)
          badges:   \(out)/badges/\(Self.package)-downloads-{total,month,week}.svg, \(Self.package)-human-share.svg (+ .json for shields)
          summary:  \(store.summaryPath) (pypistats, plus `pypi`, `github`, `github-events`, `plausible`, `sentry`, `reddit` and `usage` sections)
          series:   \(store.seriesPath(PyPIStats.source, Self.package)), \(store.seriesPath(PyPIClickHouse.source, Self.package))
          classes:  \(out)/classified/\(PyPIClickHouse.source)/ (installer classes, human share, behind-proxy estimate)
          github:   \(store.githubDirectory(Self.repo))/ (counts, traffic, stars, forks, releases)
          docs:     \(store.seriesPath(Plausible.source, Self.docsSite)) (Plausible: visitors, pages, countries)
          errors:   \(store.seriesPath(Sentry.source, Self.package)) (Sentry: error events by outcome, new and resolved issues, sessions)
          reddit:   \(out)/series/reddit/ (tracked posts: score, comments, upvote ratio, state; posts.json)
          usage:    \(store.usageDailyPath) (opt-in events: features, success, durations; the raw inbox \(store.usageInbox) is never committed)
          site:     \(site)/index.html (the HTML report GitHub Pages would publish)
        """)
    }
  }

  static func bundledRecording() -> String? {
    let candidates = [Bundle.module.resourceURL, Bundle.module.bundleURL].compactMap { $0?.appendingPathComponent("demo-recording").path }
    return candidates.first { FileSystem.exists($0) }
  }
}
