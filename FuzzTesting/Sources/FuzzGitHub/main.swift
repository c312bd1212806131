import AlmanacKit

// GitHub's answers, other tools' traffic files and Almanac's GitHub store files: a
// FormatError is fine, a trap is not.
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
  _ = try? GitHubRepo.decode(text, at: "fuzz")
  _ = try? TrafficWindow.decode(text, metric: .views, at: "fuzz")
  _ = try? PopularItem.decode(text, kind: .path, at: "fuzz")
  _ = try? Stargazer.decodePage(text, at: "fuzz")
  _ = try? StarHistory.decode(text, at: "fuzz")
  _ = try? GitHubRelease.decodePage(text, at: "fuzz")
  _ = try? GitHubGraphQL.decode(text, at: "fuzz")
  _ = try? GitHubState.decode(text, path: "fuzz")
  _ = LinkHeader.parse(text)
  _ = GitHubThrottle.classify(status: 403, header: { _ in text }, body: text, now: 0)
  _ = try? TrafficHistory.decode(traffic: text, trafficPath: "fuzz", windows: text, windowsPath: "fuzz")
  for spec in GitHubFiles.all { _ = try? KeyedRows.decode(text, path: "fuzz", spec: spec) }
  var data = GitHubRepoData()
  _ = try? GitHubRepoStatsImport.apply(files: ["views_clones_aggregate.csv": text, "stargazers.csv": text], root: "fuzz", into: &data)
  return 0
}
