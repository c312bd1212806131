import Foundation
import Testing

import AlmanacTestSupport

/// `--site` is refused when it lands inside the stats directory through a symbolic link.
@Suite(.serialized) struct SiteThroughASymlink {
  @Test func aSiteLinkedIntoTheStatsDirectoryIsRefused() async throws {
    let dir = TempDirectory("site-symlink")
    try dir.write("almanac.yml", "targets: {packages: [tidewater]}\n")
    try FileManager.default.createDirectory(atPath: dir.file("stats/pages"), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: dir.file("_site"), withDestinationPath: "stats/pages")
    try FileManager.default.createSymbolicLink(atPath: dir.file("up"), withDestinationPath: "stats")
    for site in ["_site", "_site/new/deeper", "up/./fresh/..", "up/fresh"] {
      let r = try await Shell.run("almanac render --site \(site) --quiet", cwd: dir.path)
      #expect(r.status != 0, "\(site): \(r.stderr)")
      #expect(r.stderr.contains("error: --site \(site) is inside the stats directory stats (through a symbolic link: it resolves to "), "\(site): \(r.stderr)")
    }
    #expect((try? FileManager.default.contentsOfDirectory(atPath: dir.file("stats/pages")))?.isEmpty == true)
    let outside = try await Shell.run("almanac render --site elsewhere --quiet", cwd: dir.path)
    #expect(outside.status == 0, "\(outside.stderr)")
  }
}
