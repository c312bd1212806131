import Foundation
import Testing

import AlmanacTestSupport

/// The action's build cache holds the built binary under an exact key of the Swift version and
/// the sources (`scripts/cached-binary`): a binary that starts there skips the Swift set-up and
/// the build; a miss, or a cached file that does not start, turns both on.
@Suite(.serialized) struct ActionBuildCache {
  static let night = "Run the night and commit what changed"

  @Test func aCacheMissTurnsOnTheSwiftSetUpAndTheBuild() async throws {
    let dir = TempDirectory("action-cache-miss")
    try await NightlySimulation.initializedRepository(dir)
    var runner = try ActionGlue.runner(dir, day: "2026-11-21", cached: false)
    runner.skip.insert(Self.night)
    let r = try await runner.run(workspace: dir.file("work"))
    #expect(r.failedStep == nil, "\(r.stderr)\(r.stdout)")
    #expect(r.stepOutputs["cached"]?["build"] == "yes")
    #expect(r.skipped == ["actions/cache@v4", "swift-actions/setup-swift@v2", "Build Almanac", Self.night])
    #expect(r.stdout.contains("No cached build for these sources"))
    // The key names the Swift version and a digest of the sources, with no fallback key.
    let key = try #require(r.stepOutputs["key"]?["key"])
    #expect(key.hasPrefix("almanac-bin-Linux-X64-swift-"))
    #expect(key.split(separator: "-").last?.count == 16)
  }

  @Test func aCachedFileThatDoesNotStartIsRemovedAndBuilt() async throws {
    let dir = TempDirectory("action-cache-broken")
    try await NightlySimulation.initializedRepository(dir)
    var runner = try ActionGlue.runner(dir, day: "2026-11-21", cached: false)
    runner.skip.insert(Self.night)
    let cached = runner.actionPath + "/.almanac-bin/almanac"
    try FileManager.default.createDirectory(atPath: runner.actionPath + "/.almanac-bin", withIntermediateDirectories: true)
    try "#!/bin/sh\nexit 127\n".write(toFile: cached, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: cached)
    let r = try await runner.run(workspace: dir.file("work"))
    #expect(r.failedStep == nil, "\(r.stderr)\(r.stdout)")
    #expect(r.stepOutputs["cached"]?["build"] == "yes")
    #expect(r.stdout.contains("::warning title=Almanac build cache::The cached binary"))
    #expect(!FileManager.default.fileExists(atPath: cached))
    #expect(r.skipped.contains("Build Almanac"))
  }
}
