import Foundation
import Testing

import AlmanacTestSupport

/// The nightly sequence against a bare repository on disk as the remote: the action's own
/// commit script (`scripts/commit-stats`) after `almanac run` on recorded nights.
@Suite(.serialized) struct NightlySimulation {
  @Test func nightsCommitOnlyWhatChangedAndSurviveAConcurrentPush() async throws {
    let dir = TempDirectory("nightly")
    let recording = Paths.demoRecording
    let commit = "\(Paths.packageRoot)/scripts/commit-stats"
    let who = "-c user.name=Maintainer -c user.email=maintainer@example.org"
    let setup = try await Shell.run("""
      git init -q --bare -b main remote.git && git clone -q remote.git work 2>/dev/null && cd work && git checkout -q -b main &&
      printf 'targets: {packages: [tidewater]}\\nsources: {pypistats: {request_interval: 0}}\\n' > almanac.yml &&
      git add almanac.yml && git \(who) commit -qm 'Add almanac.yml' && git push -q -u origin main
      """, cwd: dir.path)
    #expect(setup.status == 0, "\(setup.stderr)")

    func night(_ day: String) async throws -> ShellResult {
      try await Shell.run(
        "almanac run --date \(day) --replay '\(recording)/\(day)' --quiet && ALMANAC_DIR=stats ALMANAC_DAY=\(day) ALMANAC_RETRY_SLEEP=0 bash '\(commit)'",
        cwd: dir.file("work"))
    }
    func packedKiB() async throws -> Int {
      let r = try await Shell.run("git gc -q --aggressive 2>/dev/null; git count-objects -v | sed -n 's/^size-pack: //p'", cwd: dir.file("remote.git"))
      return Int(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    let first = try await night("2026-11-20")
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("almanac: pushed"))
    let afterFirst = try await packedKiB()

    let second = try await night("2026-11-21")
    #expect(second.status == 0, "\(second.stderr)")
    let afterSecond = try await packedKiB()

    // Someone pushes while the third night runs.
    let other = try await Shell.run(
      "git clone -q remote.git other && cd other && echo hello > NOTES.md && git add NOTES.md && git \(who) commit -qm 'Add notes' && git push -q origin main",
      cwd: dir.path)
    #expect(other.status == 0, "\(other.stderr)")
    let third = try await night("2026-11-22")
    #expect(third.status == 0, "\(third.stderr)\(third.stdout)")
    #expect(third.stdout.contains("rebasing onto origin/main"))

    // The same night again changes nothing and makes no commit.
    let again = try await night("2026-11-22")
    #expect(again.status == 0)
    #expect(again.stdout.contains("nothing changed under stats; no commit."))

    let log = try await Shell.run("git log --format='%an <%ae>|%s' main", cwd: dir.file("remote.git"))
    #expect(log.stdout == """
      github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>|stats: 2026-11-22
      Maintainer <maintainer@example.org>|Add notes
      github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>|stats: 2026-11-21
      github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>|stats: 2026-11-20
      Maintainer <maintainer@example.org>|Add almanac.yml

      """)
    // A night after the first adds a few KiB to the packed history, not a new copy of the store.
    let growth = afterSecond - afterFirst
    #expect(growth >= 0 && growth <= 16, "packed growth for one night: \(growth) KiB")
    let files = try await Shell.run("git show --stat --format= HEAD", cwd: dir.file("remote.git"))
    #expect(!files.stdout.contains(".almanac.lock"))
  }
}
