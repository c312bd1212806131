extension GitHub {
  /// Reads a 200 body with the decoder `GitHubNormalize` will use for `endpoint`, so the fetch
  /// keeps only what replays: HTML from a proxy, `{"error": …}`, an empty or truncated body,
  /// or `data: null` over GraphQL throws, naming where it came from.
  public static func check(_ body: String, endpoint: Endpoint, at path: String) throws(FormatError) {
    try answer { () throws(FormatError) in try decode(body, endpoint: endpoint, at: path) }
  }

  private static func decode(_ body: String, endpoint: Endpoint, at path: String) throws(FormatError) {
    switch endpoint {
    case .repo: _ = try GitHubRepo.decode(body, at: path)
    case .views: _ = try TrafficWindow.decode(body, metric: .views, at: path)
    case .clones: _ = try TrafficWindow.decode(body, metric: .clones, at: path)
    case .referrers: _ = try PopularItem.decode(body, kind: .referrer, at: path)
    case .paths: _ = try PopularItem.decode(body, kind: .path, at: path)
    case .stargazers: _ = try Stargazer.decodePage(body, at: path)
    case .starHistory: _ = try StarHistory.decode(body, at: path)
    case .forks: _ = try GitHubFork.decodePage(body, at: path)
    case .releases: _ = try GitHubRelease.decodePage(body, at: path)
    case .user: _ = try GitHubProfile.row(body, level: .full, at: path)
    case .starsGraphQL: _ = try GitHubGraphQL.decode(body, at: path)
    }
  }
}
