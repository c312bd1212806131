import Foundation
import Testing

import AlmanacTestSupport

/// The nightly sequence against a bare repository on disk as the remote, from `almanac init` in
/// an empty repository on: the action's own script (`scripts/nightly`: `almanac run`, then
/// `scripts/commit-stats`) on recorded nights.
@Suite(.serialized) struct NightlySimulation {
  static let bot = "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>"
  static let who = "-c user.name=Maintainer -c user.email=maintainer@example.org"

  /// An empty repository with a remote, set up by `almanac init` and pushed.
  static func initializedRepository(_ dir: TempDirectory) async throws {
    let setup = try await Shell.run("""
      git init -q --bare -b main remote.git && git clone -q remote.git work 2>/dev/null && cd work && git checkout -q -b main &&
      almanac init --package tidewater > init.txt && rm init.txt &&
      git add -A && git \(who) commit -qm 'Keep adoption statistics with Almanac' && git push -q -u origin main
      """, cwd: dir.path)
    #expect(setup.status == 0, "\(setup.stderr)")
  }

  static func night(_ day: String, in dir: TempDirectory, environment: [String: String] = [:]) async throws -> ShellResult {
    var env = [
      "ALMANAC_DATE": day, "ALMANAC_RETRY_SLEEP": "0", "ALMANAC_BIN": "\(Paths.binDirectory)/almanac",
      "ALMANAC_RUN_ARGS": "--quiet --replay \(Paths.demoRecording)/\(day)",
    ]
    env.merge(environment) { $1 }
    return try await Shell.run("bash '\(Paths.packageRoot)/scripts/nightly'", cwd: dir.file("work"), environment: env)
  }

  static func packedKiB(_ dir: TempDirectory) async throws -> Int {
    let r = try await Shell.run("git gc -q --aggressive 2>/dev/null; git count-objects -v | sed -n 's/^size-pack: //p'", cwd: dir.file("remote.git"))
    return Int(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
  }

  @Test func nightsCommitOnlyWhatChangedWithTheirFiguresAndSurviveAConcurrentPush() async throws {
    let dir = TempDirectory("nightly")
    try await Self.initializedRepository(dir)

    let first = try await Self.night("2026-11-20", in: dir)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("almanac: pushed"))
    let afterFirst = try await Self.packedKiB(dir)

    let second = try await Self.night("2026-11-21", in: dir)
    #expect(second.status == 0, "\(second.stderr)")
    let afterSecond = try await Self.packedKiB(dir)

    // Someone pushes while the third night runs.
    let other = try await Shell.run(
      "git clone -q remote.git other && cd other && echo hello > NOTES.md && git add NOTES.md && git \(Self.who) commit -qm 'Add notes' && git push -q origin main",
      cwd: dir.path)
    #expect(other.status == 0, "\(other.stderr)")
    let third = try await Self.night("2026-11-22", in: dir)
    #expect(third.status == 0, "\(third.stderr)\(third.stdout)")
    #expect(third.stdout.contains("rebasing onto origin/main"))

    // The same night again changes nothing and makes no commit.
    let again = try await Self.night("2026-11-22", in: dir)
    #expect(again.status == 0)
    #expect(again.stdout.contains("nothing changed under stats; no commit."))

    let log = try await Shell.run("git log --format='%an <%ae>|%s' main", cwd: dir.file("remote.git"))
    #expect(log.stdout == """
      \(Self.bot)|stats: 2026-11-22 — 1,583 downloads (+14%)
      Maintainer <maintainer@example.org>|Add notes
      \(Self.bot)|stats: 2026-11-21 — 2,340 downloads (-1%)
      \(Self.bot)|stats: 2026-11-20 — 2,204 downloads (-10%)
      Maintainer <maintainer@example.org>|Keep adoption statistics with Almanac

      """)
    let body = try await Shell.run("git log -1 --format=%b main", cwd: dir.file("remote.git"))
    #expect(body.stdout.hasPrefix("tidewater: 1,583 downloads on 2026-11-21 (pypistats.org, without mirrors); 1,383 on 2026-11-14"))
    // A night after the first adds a few KiB to the packed history, not a new copy of the store.
    let growth = afterSecond - afterFirst
    #expect(growth >= 0 && growth <= 16, "packed growth for one night: \(growth) KiB")
    let files = try await Shell.run("git show --stat --format= HEAD", cwd: dir.file("remote.git"))
    #expect(!files.stdout.contains(".almanac.lock"))
  }

  @Test func aDataBranchIsCreatedOnTheFirstNightAndTheDefaultBranchStaysClean() async throws {
    let dir = TempDirectory("nightly-branch")
    try await Self.initializedRepository(dir)
    let env = ["ALMANAC_DATA_BRANCH": "almanac-data", "ALMANAC_DATA_DIR": dir.file("data"), "ALMANAC_SITE_DIR": dir.file("site")]

    let first = try await Self.night("2026-11-21", in: dir, environment: env)
    #expect(first.status == 0, "\(first.stderr)\(first.stdout)")
    #expect(first.stdout.contains("data branch almanac-data does not exist yet"))
    // The next run checks out a fresh worktree, as a new runner would.
    let cleanup = try await Shell.run("git worktree remove --force '\(dir.file("data"))'", cwd: dir.file("work"))
    #expect(cleanup.status == 0, "\(cleanup.stderr)")
    let second = try await Self.night("2026-11-22", in: dir, environment: env)
    #expect(second.status == 0, "\(second.stderr)\(second.stdout)")
    #expect(second.stdout.contains("data branch almanac-data checked out"))

    let data = try await Shell.run("git log --format=%s almanac-data && git ls-tree -r --name-only almanac-data | sed 's|/.*||' | sort -u", cwd: dir.file("remote.git"))
    #expect(data.stdout == "stats: 2026-11-22 — 1,583 downloads (+14%)\nstats: 2026-11-21 — 2,340 downloads (-1%)\nstats\n")
    let main = try await Shell.run("git log --format=%s main", cwd: dir.file("remote.git"))
    #expect(main.stdout == "Keep adoption statistics with Almanac\n")
    // The second night merged over the first: the series kept a day only the first night's
    // window held.
    let series = try #require(dir.read("data/stats/series/pypistats/tidewater.csv"))
    #expect(series.contains("\ntidewater,pypistats,2026-05-24,overall,without_mirrors,"))
    // The HTML report went to the site directory, not into any commit.
    #expect(FileManager.default.fileExists(atPath: dir.file("site/index.html")))
    let tree = try await Shell.run("git ls-tree -r --name-only almanac-data", cwd: dir.file("remote.git"))
    #expect(!tree.stdout.contains("index.html"))
  }
}
