import AlmanacKit
import Foundation

/// The fetch stage of the `github-events` source: per repository, its id, then the days the
/// store lacks plus a trailing window (or a backfill), a month per query, and the all-time
/// stargazers.
public struct GitHubEventsFetcher: Sendable {
  public var client: ClickHouseClient
  public var database: String
  public var personalData: Bool
  public var trailingDays: Int
  public var progress: @Sendable (String) -> Void

  public init(
    client: ClickHouseClient, database: String = GitHubEvents.defaultDatabase, personalData: Bool = false, trailingDays: Int = 3,
    progress: @escaping @Sendable (String) -> Void = { _ in }
  ) {
    self.client = client
    self.database = database
    self.personalData = personalData
    self.trailingDays = trailingDays
    self.progress = progress
  }

  /// `until`: the last day to ask for (yesterday: today's events are still arriving).
  public func fetch(repos: [RepoName], asOf: Day, until: Day, newestHeld: [RepoName: Day] = [:], lookbackDays: Int? = nil) async -> RawSnapshot {
    var missingTables = Set<String>()
    var snapshot = RawSnapshot(source: GitHubEvents.source, date: asOf)
    func run(_ q: GitHubEvents.Query) async -> [JSONValue]? {
      await client.record(q, into: &snapshot, missingTables: &missingTables)
    }
    for repo in repos {
      progress("github-events: repository id of \(repo)")
      guard let rows = await run(GitHubEvents.repoIDQuery(repo, database: database)) else { continue }
      guard let id = GitHubEvents.repoID(from: rows) else {
        snapshot.failures.append(RawSnapshot.Failure(
          target: repo.description, endpoint: GitHubEvents.Endpoint.repoID.rawValue,
          message: "the events data set does not know \(repo) (no single id in repo_name_to_id); check the name, or the repository has no public events yet"))
        continue
      }
      if let days = PyPIClickHouse.window(sourceNewest: until, newestHeld: newestHeld[repo], trailingDays: trailingDays, lookbackDays: lookbackDays) {
        let chunks = PyPIClickHouse.monthChunks(days)
        for (i, chunk) in chunks.enumerated() {
          progress("github-events: [\(i + 1)/\(chunks.count)] \(repo) \(chunk.lowerBound)…\(chunk.upperBound)")
          for q in GitHubEvents.queries(repo, repoID: id, days: chunk, personalData: personalData, database: database) { _ = await run(q) }
        }
      }
      _ = await run(GitHubEvents.stargazersQuery(repo, repoID: id, database: database))
    }
    return snapshot
  }
}
