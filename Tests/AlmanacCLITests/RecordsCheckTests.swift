import AlmanacKit
import ArgumentParser
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// Issue 9 point 8: records are checked like series files, and a `--date` or `--source` that
/// cannot be right is a usage error (exit 64) before anything is read.
@Suite struct RecordsAreChecked {
  static let header = "#almanac:records:1 snapshot=2026-11-20\ndate,package,source,dimension,category,downloads\n"

  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var text: String
    var problem: String
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "a row after its snapshot", text: header + "2026-11-19,tidewater,pypistats,overall,with_mirrors,5\n2026-11-21,tidewater,pypistats,overall,with_mirrors,9\n",
      problem: ":4: the row is dated 2026-11-21, after the snapshot it belongs to (2026-11-20); no source answers for a day that has not happened."),
    Case(
      name: "a snapshot that disagrees with the file name",
      text: header.replacingOccurrences(of: "2026-11-20", with: "2026-11-19") + "2026-11-18,tidewater,pypistats,overall,with_mirrors,5\n",
      problem: ":1: the format line says snapshot=2026-11-19, but the file is named for 2026-11-20."),
    Case(
      name: "a key twice with different counts",
      text: header + "2026-11-19,tidewater,pypistats,overall,with_mirrors,5\n2026-11-19,tidewater,pypistats,overall,with_mirrors,6\n",
      problem: ":4: repeats overall/with_mirrors of tidewater on 2026-11-19 with 6 downloads; line 3 says 5."),
    Case(
      name: "an unknown source", text: header + "2026-11-19,tidewater,pypstats,overall,with_mirrors,5\n",
      problem: ":3: unknown source `pypstats` (known: github, github-events, plausible, pypi, pypistats, reddit, sentry, usage)."),
  ]

  @Test(arguments: cases)
  func aDamagedRecordsFileIsRefusedWithItsLineAndTheGitCheckoutHint(_ c: Case) throws {
    let dir = TempDirectory("records-check")
    try dir.write("stats/records/pypistats/2026-11-20.csv", c.text)
    let path = dir.file("stats/records/pypistats/2026-11-20.csv")
    do {
      _ = try Store(root: dir.file("stats")).readRecords("pypistats", Day("2026-11-20")!)
      Issue.record("\(c.name) was accepted")
    } catch {
      #expect(error.description == path + c.problem + " The file was edited by hand or truncated; restore it with `git checkout -- \(path)` or delete it and re-run the stage that writes it.")
    }
  }

  @Test func anIdenticalRepeatIsReadOnce() throws {
    let row = "2026-11-19,tidewater,pypistats,overall,with_mirrors,5\n"
    let set = try RecordSet.decode(Self.header + row + row, path: "r.csv", sources: ["pypistats"])
    #expect(set.records.count == 1)
  }

  @Test(arguments: [
    (["aggregate", "--date", "2099-01-01"], "--date 2099-01-01 is after tomorrow"),
    (["render", "--date", "2004-12-31"], "--date 2004-12-31 is before 2005-01-01: no source Almanac reads has data that old. Check the year."),
    (["run", "--date", "3026-11-20"], "--date 3026-11-20 is after tomorrow"),
    (["aggregate", "--source", "pypy"], "--source pypy: unknown source; the sources are pypistats, pypi, github, github-events, plausible, sentry, reddit, usage."),
    (["render", "--source", "githubb"], "--source githubb: unknown source; the sources are"),
    (["normalize", "--all", "--source", "gh"], "--source gh: unknown source; the sources are"),
  ])
  func aDateOrSourceThatCannotBeRightIsAUsageError(_ args: [String], _ message: String) {
    do {
      _ = try AlmanacCommand.parseAsRoot(args)
      Issue.record("\(args) was accepted")
    } catch {
      #expect(AlmanacCommand.exitCode(for: error).rawValue == 64)
      #expect(AlmanacCommand.message(for: error).hasPrefix(message), "\(AlmanacCommand.message(for: error))")
    }
  }

  @Test func tomorrowIsStillAllowed() throws {
    let tomorrow = Day(unixSeconds: Date().timeIntervalSince1970).adding(days: 1)
    _ = try AlmanacCommand.parseAsRoot(["aggregate", "--date", tomorrow.description])
  }
}
