import AlmanacKit

/// The source's metrics for alert rules and `summary.json`'s windows (`NightlySource.metrics`).
extension GitHubNightly {
  public func metrics(_ night: Night) throws(AlmanacError) -> [Metric] {
    var out: [Metric] = []
    for repo in night.stages.githubStoredRepos(config: night.config) {
      out += SeriesMetrics.github(repo: repo, data: try night.stages.store.readGitHub(repo))
    }
    return out
  }
}
