import AlmanacKit
import Foundation

extension Config.GitHubSource: NightlySourceSection {
  public static var nightly: any NightlySource { GitHubNightly() }
}

/// GitHub in the stage commands: `fetch` is a whole night into the store (raw → the
/// repository files directly, so there are no records), `aggregate --rebuild` replays raw.
extension GitHubNightly {
  public func refusedFetchFlags(_ flags: FetchFlags) -> String? {
    guard flags.output != nil || !flags.packages.isEmpty || flags.requestInterval != nil else { return nil }
    return "github writes into the store (its raw snapshot and each repository's files); -o, --package and --request-interval are for pypistats."
  }

  /// `almanac fetch github`: one night of the GitHub source into the store.
  public func fetch(_ r: FetchRequest) async throws {
    var config = r.config
    if let baseURL = r.baseURL { config.github = { var s = $0 ?? .init(); s.baseURL = baseURL; return s }(config.github) }
    if config.github == nil, !config.repos.isEmpty { config.github = .init() }
    if config.github?.enabled == false {
      throw AlmanacError.usage("sources.github is disabled in \(r.configPath) (`enabled: false`); remove that line to fetch GitHub.")
    }
    guard config.githubEnabled else {
      throw AlmanacError.usage("no repository to fetch: name repositories in \(r.configPath) (`targets.repos` or `sources.github.repos`).")
    }
    let client = r.client(config)
    let stages = r.stages(config)
    let lock = try stages.store.lock(timeout: r.lockTimeout)
    let snapshot = try await stages.githubNight(config: config, client: client, environment: environment ?? r.environment)
    withExtendedLifetime(lock) {}
    try Nightly.exitStatus(snapshot)
  }

  public var noRecordsReason: String? {
    "GitHub's raw snapshots are merged straight into series/github/ (there are no records to normalize); `almanac aggregate --source github --rebuild` replays them."
  }

  public func aggregate(_ stages: Stages, config: Config?, rebuild: Bool) throws(AlmanacError) {
    if rebuild { try stages.rebuildGitHub() } else { stages.console.note("github: merged from raw at fetch time; --rebuild replays every raw/github snapshot") }
  }

  public func explain(_ c: Config, environment: [String: String]) -> [String] {
    if let g = c.github, c.githubEnabled {
      let owner = g.discover.map { "\($0.owner)'s repositories matching \($0.include.joined(separator: ", "))" + ($0.exclude.isEmpty ? "" : " except \($0.exclude.joined(separator: ", "))") }
      let what = [c.githubRepos.isEmpty ? nil : c.githubRepos.joined(separator: ", "), owner].compactMap { $0 }.joined(separator: " and ")
      let parts = ["stars: \(g.stars)", "traffic \(g.traffic ? "on" : "off")", "forks \(g.forks ? "on" : "off")", "releases \(g.releases ? "on" : "off")", "profiles: \(c.privacy.profiles.rawValue)"]
      return ["source github: \(what) — \(parts.joined(separator: ", ")); token from $\(c.githubTokenVariable), from \(g.baseURL)"]
    }
    if !c.repos.isEmpty || c.github != nil { return ["source github: disabled (add `sources.github` to fetch the repositories)"] }
    return []
  }

  public func initSnippet(_ t: InitTargets) -> String {
    let state = !t.repos.isEmpty
      ? "enabled: true               # traffic needs tokens.github with push access (docs/github.md)"
      : "enabled: false              # off until you opt in; traffic needs tokens.github (docs/github.md)"
    return """
        github:                       # counts, traffic kept past 14 days, dated stars, forks, release downloads
          \(state)
          # repos: [owner/name]       # default: targets.repos
          # stars: list               # list | graphql | history | count
      """
  }
}
