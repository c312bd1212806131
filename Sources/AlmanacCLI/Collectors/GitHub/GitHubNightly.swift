import AlmanacKit
import Foundation

/// GitHub as a nightly source: counts, traffic, stars, forks and releases of every configured
/// repository, merged into `series/github/<owner>/<repo>/`, with a report section, a `github`
/// object in `summary.json`, and star and 14-day view badges per repository.
public struct GitHubNightly: NightlySource {
  public var name: String { GitHub.source }
  /// Where the token is read from; nil: the process environment.
  public var environment: [String: String]?

  public init(environment: [String: String]? = nil) { self.environment = environment }

  public func isEnabled(in config: Config) -> Bool { config.githubEnabled }

  public func night(_ night: Night) async throws -> SourceResult {
    let config = night.config
    let raw = try await night.stages.githubNight(
      config: config, client: night.client, environment: environment ?? ProcessInfo.processInfo.environment)
    try night.stages.pruneRaw(source: name, keepDays: config.retention.rawDays)
    if raw.exchanges.isEmpty { return SourceResult(source: name, status: .failed) }
    return SourceResult(source: name, status: raw.failures.isEmpty ? .complete : .partial)
  }

  public func render(_ night: Night) throws -> SourceRendering {
    var out = SourceRendering(source: name)
    let stages = night.stages
    let repos = try stages.githubStoredRepos(config: night.config).map { repo throws(AlmanacError) in (repo, try stages.store.readGitHub(repo)) }
    // Any stored series renders: an import has history but no counts until a night fetches them.
    guard repos.contains(where: { $0.1.hasSeries }) else { return out }
    let state = try stages.store.readGitHubState()
    out.reportSection = repos.map { repo, data in
      GitHubReport.section(repo: repo, data: data, asOf: night.date, ownRuns: state.repos[repo]?.ownRuns ?? [])
    }.joined(separator: "\n")
    let counted = repos.filter { GitHubReport.latestCounts($0.1) != nil }
    if counted.count > 1 { out.reportSection = GitHubReport.rollup(counted) + "\n" + out.reportSection }
    out.summary = ["github": GitHubReport.summary(repos, asOf: night.date)]
    var badges: [String: [BadgeSet.Named]] = [:]
    for (repo, data) in repos where data.hasSeries {
      if let counts = GitHubReport.latestCounts(data) {
        out.details.append("\(repo): \(NumberFormat.grouped(counts.stars)) stars, \(NumberFormat.grouped(counts.forks)) forks")
      }
      badges[repo] = GitHubReport.badges(repo: repo, data: data, labelColor: night.config.render.labelColor)
      if night.config.render.badges { try stages.writeBadgeFiles(badges[repo] ?? [], endpoint: night.config.render.endpoint) }
    }
    out.site = GitHubSite.section(repos, asOf: night.date, badges: badges)
    if let data = repos.first?.1, let counts = GitHubReport.latestCounts(data) {
      out.headlines = GitHubReport.starHeadline(data).map { [$0] } ?? []
      out.outputs = [("stars", String(counts.stars))]
      if let views = GitHubReport.latestWindow(data, .views) { out.outputs.append(("views-14d", String(views.total.count))) }
    }
    return out
  }
}
