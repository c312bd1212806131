import Foundation
import Testing

import AlmanacTestSupport

/// `action.yml` run step by step as the Actions runner would (CompositeActionRunner), against a
/// bare remote on disk: inputs reach the script, step outputs reach the action's outputs, and
/// the night is committed. Only the steps that `uses:` other actions (Swift set-up, cache) and
/// the release build are skipped; a prebuilt almanac in the build cache's place stands in for
/// the build.
@Suite(.serialized) struct ActionGlue {
  /// The action's directory as a checkout of it would look after the build cache was restored
  /// (`cached`), or on a cache miss.
  static func actionCheckout(_ dir: TempDirectory, cached: Bool = true) throws -> String {
    let path = dir.file(cached ? "action" : "action-uncached")
    let fm = FileManager.default
    if fm.fileExists(atPath: path) { return path }
    try fm.createDirectory(atPath: path, withIntermediateDirectories: true)
    for name in ["action.yml", "scripts", "Package.swift", "Sources"] {
      try fm.createSymbolicLink(atPath: "\(path)/\(name)", withDestinationPath: "\(Paths.packageRoot)/\(name)")
    }
    if cached {
      try fm.createDirectory(atPath: path + "/.almanac-bin", withIntermediateDirectories: true)
      try fm.createSymbolicLink(atPath: path + "/.almanac-bin/almanac", withDestinationPath: Paths.binDirectory + "/almanac")
    }
    return path
  }

  static func runner(_ dir: TempDirectory, day: String, inputs: [String: String] = [:], cached: Bool = true) throws -> CompositeActionRunner {
    let temp = dir.file("runner-temp-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
    return CompositeActionRunner(
      actionPath: try actionCheckout(dir, cached: cached), inputs: ["date": day].merging(inputs) { $1 }, skip: ["Build Almanac"],
      environment: ["ALMANAC_RUN_ARGS": "--quiet --replay \(Paths.demoRecording)/\(day)", "ALMANAC_RETRY_SLEEP": "0"],
      runnerTemp: temp)
  }

  @Test func theActionRunsTheNightCommitsItAndSetsItsOutputs() async throws {
    let dir = TempDirectory("action")
    try await NightlySimulation.initializedRepository(dir)
    let first = try await Self.runner(dir, day: "2026-11-21", inputs: ["site-dir": "_site"]).run(workspace: dir.file("work"))
    #expect(first.failedStep == nil, "\(first.stderr)\(first.stdout)")
    // The build cache held a binary that starts: no Swift set-up, no build.
    #expect(first.skipped == ["actions/cache@v4"])
    #expect(first.stdout.contains("from the build cache: no Swift set-up and no build needed"))
    #expect(first.outputs["changed"] == "true")
    #expect(first.outputs["exit-code"] == "0")
    #expect(first.outputs["outcome"] == "complete")
    #expect(first.outputs["headlines"] == "2,340 downloads (-1%)")
    #expect(first.outputs["downloads"] == "2340")
    // Every key the night step wrote is an output of the action, and the README names each.
    let written = Set(try #require(first.stepOutputs["nightly"]).keys)
    #expect(written.isSuperset(of: ["date", "stats-dir", "exit-code", "outcome", "changed", "commit-subject", "downloads-day"]))
    #expect(written.subtracting(first.outputs.keys).isEmpty, "not exposed in action.yml: \(written.subtracting(first.outputs.keys).sorted())")
    #expect(first.outputs["date"] == "2026-11-21")
    #expect(first.outputs["commit-subject"] == "stats: 2026-11-21 — 2,340 downloads (-1%)")
    let readme = try String(contentsOfFile: Paths.packageRoot + "/README.md", encoding: .utf8)
    for key in first.outputs.keys.sorted() { #expect(readme.contains("`\(key)`"), "README does not name the output \(key)") }
    #expect(FileManager.default.fileExists(atPath: dir.file("work/_site/index.html")))
    let log = try await Shell.run("git log -1 --format='%an|%s' main", cwd: dir.file("remote.git"))
    #expect(log.stdout == "github-actions[bot]|stats: 2026-11-21 — 2,340 downloads (-1%)\n")
    // The site is not committed, and it is not left behind as a change either.
    let status = try await Shell.run("git status --porcelain --untracked-files=all -- stats", cwd: dir.file("work"))
    #expect(status.stdout.isEmpty)

    // Again, with nothing new: no commit, changed=false.
    let again = try await Self.runner(dir, day: "2026-11-21", inputs: ["commit-message": "x"]).run(workspace: dir.file("work"))
    #expect(again.failedStep == nil, "\(again.stderr)")
    #expect(again.outputs["changed"] == "false")
  }

  @Test func aTemplateAndADataBranchReachTheCommit() async throws {
    let dir = TempDirectory("action-branch")
    try await NightlySimulation.initializedRepository(dir)
    let inputs = ["data-branch": "stats-data", "commit-message": "chore(stats): {date} ({figures})"]
    let r = try await Self.runner(dir, day: "2026-11-22", inputs: inputs).run(workspace: dir.file("work"))
    #expect(r.failedStep == nil, "\(r.stderr)\(r.stdout)")
    #expect(r.outputs["changed"] == "true")
    let log = try await Shell.run("git log --format=%s stats-data && git log --format=%s main", cwd: dir.file("remote.git"))
    #expect(log.stdout == "chore(stats): 2026-11-22 (1,583 downloads (+14%))\nKeep adoption statistics with Almanac\n")
  }

  @Test func aFailedNightFailsTheStepAndCommitsNothing() async throws {
    let dir = TempDirectory("action-fail")
    try await NightlySimulation.initializedRepository(dir)
    var runner = try Self.runner(dir, day: "2026-11-21")
    runner.environment["ALMANAC_RUN_ARGS"] = "--quiet --replay \(dir.file("no-such-recording"))"
    let r = try await runner.run(workspace: dir.file("work"))
    #expect(r.failedStep == "Run the night and commit what changed")
    #expect(r.outputs["exit-code"] == "1")
    #expect(r.stderr.contains("every source failed"))
    let log = try await Shell.run("git log --format=%s main", cwd: dir.file("remote.git"))
    #expect(log.stdout == "Keep adoption statistics with Almanac\n")
  }
}
