import AlmanacKit
import Foundation

extension Config.GitHubEventsSource: NightlySourceSection {
  public static var nightly: any NightlySource { GitHubEventsNightly() }
}

/// github-events in the stage commands: `fetch` writes the raw snapshot only; the records are
/// the whole history (no series), so aggregate has nothing to merge.
extension GitHubEventsNightly {
  /// `almanac fetch github-events`: the raw snapshot only.
  public func fetch(_ r: FetchRequest) async throws {
    var config = r.config
    if let baseURL = r.baseURL { config.githubEvents = { var s = $0 ?? .init(); s.clickhouse.endpoint = baseURL; return s }(config.githubEvents) }
    guard !config.githubEventsRepos.isEmpty else {
      throw AlmanacError.usage("no repository to fetch: name repositories in \(r.configPath) (`targets.repos`) and enable `sources.github-events`.")
    }
    let stages = r.stages(config)
    // The newest day held decides what is asked: read it under the lock a night would hold
    // (released at the end of this scope, before `emit` takes it to write).
    let snapshot: RawSnapshot
    do {
      let lock = r.output == nil ? try stages.store.lock(timeout: r.lockTimeout) : nil
      snapshot = await fetch(Night(config: config, client: r.client(config), stages: stages, lookbackDays: r.lookbackDays))
      withExtendedLifetime(lock) {}
    }
    try r.emit(snapshot, stages: stages) { $0.keepingEarlierAnswers(from: $1) }
    try Nightly.exitStatus(snapshot)
  }

  public func normalize(_ raw: RawSnapshot, path: String) -> (records: RecordSet, diagnostics: [Diagnostic]) {
    GitHubEvents.normalize(raw, path: path)
  }

  public func explain(_ c: Config, environment: [String: String]) -> [String] {
    guard let g = c.githubEvents else { return [] }
    guard g.enabled else { return ["source github-events: disabled"] }
    return [
      "source github-events: \(c.githubEventsRepos.map(\.description).joined(separator: ", ")) \(ClickHouseNight.describe(g.clickhouse, environment: environment)); "
        + "\(ClickHouseNight.lookback(trailingDays: g.trailingDays)), up to yesterday; logins of forkers and releasers \(g.personalData ? "kept (personal_data: true)" : "not asked for (personal_data: false)")"
    ]
  }

  public func aggregate(_ stages: Stages, config: Config?, rebuild: Bool) throws(AlmanacError) {
    stages.console.note("github-events: records only, no series; `almanac normalize --all --source github-events` rebuilds them")
  }

  public func initSnippet(_ t: InitTargets) -> String {
    let state = !t.repos.isEmpty
      ? "enabled: true               # asks the public ClickHouse endpoint; no token"
      : "enabled: false              # name a repository in targets.repos, then set true"
    return """
        github-events:                # daily GitHub activity of targets.repos from the public events data set
          \(state)
          # personal_data: false      # true keeps forkers' and releasers' logins in stats/
      """
  }
}
