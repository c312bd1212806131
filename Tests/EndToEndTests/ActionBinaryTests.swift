import Foundation
import Testing

import AlmanacTestSupport

/// The action's fast start: `binary-version` downloads a released archive from a real HTTP server
/// on loopback (`ALMANAC_BINARY_BASE_URL`), checks its SHA-256 before anything in it runs, and
/// skips the Swift set-up, the cache and the build; without a binary for the runner it falls
/// back to building; a checksum that does not match fails the step and runs nothing.
@Suite(.serialized) struct ActionBinary {
  /// A release archive as the release workflow packs it: `almanac` at the top. The program in
  /// it is a launcher for the almanac this test run built, so the night it runs is real.
  static func archive(_ dir: TempDirectory, marker: String) async throws -> [UInt8] {
    let pack = dir.file("pack-\(marker)")
    try FileManager.default.createDirectory(atPath: pack, withIntermediateDirectories: true)
    let launcher = "#!/bin/sh\necho \"\(marker)\" >> \"\(dir.file("launched"))\"\nexec '\(Paths.binDirectory)/almanac' \"$@\"\n"
    try launcher.write(toFile: pack + "/almanac", atomically: true, encoding: .utf8)
    let r = try await Shell.run("chmod 755 almanac && tar -czf ../\(marker).tar.gz almanac", cwd: pack)
    #expect(r.status == 0, "\(r.stderr)")
    return Array(try Data(contentsOf: URL(fileURLWithPath: dir.file("\(marker).tar.gz"))))
  }

  static func sha256(_ bytes: [UInt8], _ dir: TempDirectory) async throws -> String {
    let file = dir.file("sum-input")
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    return String(try await Shell.run("sha256sum '\(file)' | cut -d' ' -f1", cwd: dir.path).stdout.prefix(64))
  }

  static func runner(_ dir: TempDirectory, server: FakeAPIServer, inputs: [String: String]) throws -> CompositeActionRunner {
    var runner = try ActionGlue.runner(dir, day: "2026-11-21", inputs: inputs)
    runner.environment["ALMANAC_BINARY_BASE_URL"] = server.baseURL + "/releases/download"
    runner.environment["ALMANAC_BINARY_ARCH"] = "x86_64"
    runner.environment["GITHUB_TOKEN"] = "ghp_secretTokenThatMustNotTravel0000000000"
    return runner
  }

  @Test func aReleasedBinaryReplacesTheBuildAfterItsChecksumIsChecked() async throws {
    let dir = TempDirectory("action-binary")
    try await NightlySimulation.initializedRepository(dir)
    let server = try FakeAPIServer()
    defer { server.stop() }
    let tarball = try await Self.archive(dir, marker: "released")
    let sum = try await Self.sha256(tarball, dir)
    server.route("/releases/download/v9.1.0/almanac-linux-x86_64.tar.gz", FakeResponse(headers: [("Content-Type", "application/gzip")], body: tarball))
    server.route("/releases/download/v9.1.0/SHA256SUMS", .text("\(String(repeating: "0", count: 64))  almanac-linux-aarch64.tar.gz\n\(sum)  almanac-linux-x86_64.tar.gz\n"))

    let runner = try Self.runner(dir, server: server, inputs: ["binary-version": "v9.1.0"])
    let r = try await runner.run(workspace: dir.file("work"))
    #expect(r.failedStep == nil, "\(r.stderr)\(r.stdout)")
    // Nothing of the build ran: no Swift set-up, no cache, no build step.
    #expect(r.skipped.isEmpty, "\(r.skipped)")
    #expect(r.stepOutputs["binary"]?["path"] == runner.runnerTemp + "/almanac-bin/almanac")
    #expect(r.stdout.contains("from v9.1.0 (x86_64, SHA-256 \(sum))"))
    #expect(r.outputs["changed"] == "true")
    #expect(r.outputs["exit-code"] == "0")
    // The night ran through the downloaded program (once for --version, then for the night).
    let launched = try String(contentsOfFile: dir.file("launched"), encoding: .utf8)
    #expect(launched.split(separator: "\n").count >= 2)
    // Two requests, no credential on either.
    #expect(server.requests.map(\.path) == ["/releases/download/v9.1.0/almanac-linux-x86_64.tar.gz", "/releases/download/v9.1.0/SHA256SUMS"])
    for request in server.requests { #expect(request.header("authorization") == nil) }
  }

  @Test func aPinnedChecksumIsUsedAndAMismatchFailsTheStepRunningNothing() async throws {
    let dir = TempDirectory("action-binary-pin")
    try await NightlySimulation.initializedRepository(dir)
    let server = try FakeAPIServer()
    defer { server.stop() }
    let tarball = try await Self.archive(dir, marker: "tampered")
    server.route("/releases/download/v9.1.0/almanac-linux-x86_64.tar.gz", FakeResponse(body: tarball))
    let pinned = String(repeating: "ab", count: 32)
    let r = try await Self.runner(dir, server: server, inputs: ["binary-version": "v9.1.0", "binary-sha256": pinned]).run(workspace: dir.file("work"))
    #expect(r.failedStep == "Download Almanac")
    #expect(r.stderr.contains("expected \(pinned)"), "\(r.stderr)")
    #expect(r.stderr.contains("nothing from it was run"))
    #expect(!FileManager.default.fileExists(atPath: dir.file("launched")))
    // The pinned sum is used: SHA256SUMS is never asked for.
    #expect(server.requests.map(\.path) == ["/releases/download/v9.1.0/almanac-linux-x86_64.tar.gz"])
    let log = try await Shell.run("git log --format=%s main", cwd: dir.file("remote.git"))
    #expect(log.stdout == "Keep adoption statistics with Almanac\n")
  }

  @Test func aTamperedArchiveAgainstTheReleaseSumsFails() async throws {
    let dir = TempDirectory("action-binary-sums")
    try await NightlySimulation.initializedRepository(dir)
    let server = try FakeAPIServer()
    defer { server.stop() }
    let tarball = try await Self.archive(dir, marker: "other")
    server.route("/releases/download/v9.1.0/almanac-linux-x86_64.tar.gz", FakeResponse(body: tarball))
    server.route("/releases/download/v9.1.0/SHA256SUMS", .text("\(String(repeating: "1", count: 64)) *almanac-linux-x86_64.tar.gz\n"))
    let r = try await Self.runner(dir, server: server, inputs: ["binary-version": "v9.1.0"]).run(workspace: dir.file("work"))
    #expect(r.failedStep == "Download Almanac")
    #expect(r.stderr.contains("has SHA-256"))
    #expect(!FileManager.default.fileExists(atPath: dir.file("launched")))
  }

  @Test func withoutAReleasedBinaryTheActionBuildsFromSource() async throws {
    let dir = TempDirectory("action-binary-missing")
    try await NightlySimulation.initializedRepository(dir)
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.fallback { _ in FakeResponse(status: 404, reason: "Not Found", body: Array("Not Found".utf8)) }
    let r = try await Self.runner(dir, server: server, inputs: ["binary-version": "v9.1.0"]).run(workspace: dir.file("work"))
    #expect(r.failedStep == nil, "\(r.stderr)\(r.stdout)")
    #expect(r.stdout.contains("::warning::no Almanac binary at \(server.baseURL)/releases/download/v9.1.0/almanac-linux-x86_64.tar.gz"))
    #expect(r.stdout.contains("building from source instead"))
    #expect(r.skipped == ["actions/cache@v4"])
    #expect(r.outputs["exit-code"] == "0")
    #expect(r.outputs["changed"] == "true")
  }

  @Test func aVersionThatIsNotATagIsRefusedBeforeAnyRequest() async throws {
    let dir = TempDirectory("action-binary-bad")
    try await NightlySimulation.initializedRepository(dir)
    let server = try FakeAPIServer()
    defer { server.stop() }
    for version in ["../../evil", "v1 x", ".hidden"] {
      let r = try await Self.runner(dir, server: server, inputs: ["binary-version": version]).run(workspace: dir.file("work"))
      #expect(r.failedStep == "Download Almanac", "\(version)")
      #expect(r.stderr.contains("is not a release tag"), "\(version): \(r.stderr)")
    }
    let bad = try await Self.runner(dir, server: server, inputs: ["binary-version": "v1.0.0", "binary-sha256": "abc"]).run(workspace: dir.file("work"))
    #expect(bad.stderr.contains("must be 64 hexadecimal digits"))
    #expect(server.requests.isEmpty)
  }
}
