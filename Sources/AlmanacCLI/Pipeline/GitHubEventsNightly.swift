import AlmanacKit
import Foundation

/// The `github-events` source as a nightly source: per repository, events and distinct actors
/// per day and type, forks and releases, and all-time stargazers, into
/// `raw/github-events/<date>.json` and `records/github-events/<date>.csv`. The last day asked
/// is yesterday (today's events are still arriving).
public struct GitHubEventsNightly: NightlySource {
  public var name: String { GitHubEvents.source }

  public init() {}

  public func isEnabled(in config: Config) -> Bool { !config.githubEventsRepos.isEmpty }

  func fetch(_ night: Night) async -> RawSnapshot {
    let source = night.config.githubEvents ?? .init()
    let client = ClickHouseNight.client(night, source.clickhouse, sourceName: name)
    var newestHeld: [RepoName: Day] = [:]
    if let last = night.stages.store.snapshotDays("records", name).last(where: { $0 < night.date }),
      let records = try? night.stages.store.readRecords(name, last)
    {
      for r in records.records where r.dimension == GitHubEvents.eventsDimension {
        if let repo = RepoName(r.package) { newestHeld[repo] = max(newestHeld[repo] ?? r.date, r.date) }
      }
    }
    let fetcher = GitHubEventsFetcher(
      client: client, database: source.clickhouse.database, personalData: source.personalData, trailingDays: source.trailingDays
    ) { night.console.note($0) }
    let snapshot = await fetcher.fetch(
      repos: night.config.githubEventsRepos, asOf: night.date, until: night.date.adding(days: -1), newestHeld: newestHeld,
      lookbackDays: night.lookbackDays)
    for f in snapshot.failures {
      night.console.report(Diagnostic(.warning, "\(f.endpoint) for \(f.target): \(f.message)", at: name))
    }
    return snapshot
  }

  public func night(_ night: Night) async throws -> SourceResult {
    let stages = night.stages
    let store = stages.store
    let snapshot = await fetch(night).keepingEarlierAnswers(from: try? store.readRaw(name, night.date))
    guard !snapshot.exchanges.isEmpty else { return SourceResult(source: name, status: .failed) }
    let rawPath = store.rawPath(name, night.date)
    stages.wrote(try store.write(snapshot.encoded(), to: rawPath, validate: Store.rawValidator), rawPath)
    let (records, diagnostics) = GitHubEvents.normalize(snapshot, path: rawPath, echoingFailures: false)
    for d in diagnostics { night.console.report(d) }
    let recordsPath = store.recordsPath(name, night.date)
    stages.wrote(try store.write(records.encoded(), to: recordsPath, validate: Store.recordsValidator(kind: RecordSet.kind)), recordsPath)
    return SourceResult(source: name, status: snapshot.failures.isEmpty ? .complete : .partial)
  }

  public func render(_ night: Night) throws -> SourceRendering {
    var out = SourceRendering(source: name)
    let store = night.stages.store
    guard let last = store.snapshotDays("records", name).last(where: { $0 <= night.date }),
      let records = try store.readRecords(name, last)
    else { return out }
    var repos: [String: JSONValue] = [:]
    var fallback: [String] = []
    var lines = ["## GitHub activity (public events)", "", "| repository | stargazers (all time) | GitHub's star count | stars, last 7 days | forks, last 7 days | newest release |", "|---|---:|---:|---:|---:|---|"]
    for repo in Set(records.records.map(\.package)).sorted() {
      let mine = records.records.filter { $0.package == repo }
      let newest = mine.filter { $0.dimension == GitHubEvents.eventsDimension }.map(\.date).max() ?? last
      func week(_ type: String) -> Int64 {
        mine.filter { $0.dimension == GitHubEvents.eventsDimension && $0.category == type && newest - $0.date < 7 }.reduce(0) { $0 + $1.downloads }
      }
      let stargazers = mine.first { $0.dimension == GitHubEvents.stargazersDimension }?.downloads
      let release = mine.filter { $0.dimension == GitHubEvents.releasesDimension }.max { ($0.date, $0.category) < ($1.date, $1.category) }
      // The GitHub API's own count, when the github source stored one: the difference is reported.
      let apiCounts = (try? store.readGitHub(repo)).flatMap(GitHubReport.latestCounts)
      let apiStars = apiCounts?.stars
      if let apiStars, let stargazers {
        night.console.report(GitHubEvents.starCrossCheck(repo: repo, apiStars: apiStars, eventStargazers: stargazers))
      }
      // Without a current count from the GitHub API (source off, no token, rate-limited or
      // failed tonight), the events stand in for the night's star figure.
      if apiCounts.map({ $0.date < night.date }) ?? true {
        let stars = mine.filter { $0.dimension == GitHubEvents.eventsDimension && $0.category == "WatchEvent" && $0.date == newest }.reduce(0) { $0 + $1.downloads }
        if out.headlines.isEmpty { out.headlines = ["\(NumberFormat.grouped(stars)) new \(stars == 1 ? "star" : "stars") (public events)"] }
        out.details.append("\(repo): \(NumberFormat.grouped(stars)) stars on \(newest) from the public events (the GitHub API gave no current count)")
        fallback.append(repo)
      }
      repos[repo] = .object([
        "stargazers": stargazers.map { .int($0) } ?? .null, "github_star_count": apiStars.map { .int($0) } ?? .null,
        "stars_last_7_days": .int(week("WatchEvent")),
        "forks_last_7_days": .int(week("ForkEvent")), "latest_release": release.map { .string($0.category) } ?? .null,
      ])
      lines.append("| \(Markdown.text(repo)) | \(stargazers.map(NumberFormat.grouped) ?? "–") | \(apiStars.map(NumberFormat.grouped) ?? "–") | \(week("WatchEvent")) | \(week("ForkEvent")) | \(release.map { "\(Markdown.text($0.category)) (\($0.date))" } ?? "–") |")
    }
    lines += ["", "Stargazers are distinct accounts that ever starred (GitHub's own count drops unstars; the events keep no unstar, and the archive misses some events), so the two columns differ by design."]
    if !fallback.isEmpty {
      lines += ["", "The GitHub API gave no current star count for \(fallback.map(Markdown.text).joined(separator: ", ")) (the `github` source is off, has no token, or failed tonight); these figures stand in."]
    }
    out.reportSection = lines.joined(separator: "\n") + "\n"
    out.summary = [name: .object(["snapshot": .string(last.description), "repos": .object(repos)])]
    return out
  }
}
