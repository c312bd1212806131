import AlmanacKit

extension GitHubNightly {
  /// One entity per repository with CSV files under `series/github/<owner>/<repo>/`, read by
  /// `ExportRows.github` (stargazers, forks' names and profiles are never exported).
  public func exportEntities(_ store: Store) -> [Store.ExportEntity] {
    let base = "\(store.root)/series/\(name)"
    var repos: [String] = []
    for owner in FileSystem.list(base) where !owner.hasPrefix(".") {
      for repo in FileSystem.list("\(base)/\(owner)") where FileSystem.list("\(base)/\(owner)/\(repo)").contains(where: { $0.hasSuffix(".csv") }) {
        repos.append("\(owner)/\(repo)")
      }
    }
    let source = name
    return repos.sorted(by: Store.utf8Less).map { repo in
      Store.ExportEntity(source: source, entity: repo) { (filter) throws(AlmanacError) in
        ExportRows.github(try store.readGitHub(repo), repo: repo, filter: filter)
      }
    }
  }
}
