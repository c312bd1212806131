import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

@Suite struct StoreWrites {
  @Test func writesOnlyWhenTheBytesChange() throws {
    let dir = TempDirectory()
    let store = Store(root: dir.path)
    let path = store.summaryPath
    #expect(try store.write("{}\n", to: path) == .written)
    #expect(try store.write("{}\n", to: path) == .unchanged)
    #expect(try store.write("{\"a\": 1}\n", to: path) == .written)
    #expect(dir.read("summary.json") == "{\"a\": 1}\n")
  }

  @Test func leavesNoTemporaryFilesBehind() throws {
    let dir = TempDirectory()
    let store = Store(root: dir.path)
    try store.write("x\n", to: store.reportPath)
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    #expect(names == [".gitignore", "REPORT.md"])
    #expect(dir.read(".gitignore") == ".almanac.lock\n.*.tmp\n")
  }

  @Test func refusesToReplaceADamagedFileAndSaysHowToRecover() throws {
    let dir = TempDirectory()
    let store = Store(root: dir.path)
    let day = try #require(Day("2026-11-22"))
    let path = store.recordsPath("pypistats", day)
    try dir.write("records/pypistats/2026-11-22.csv", "#almanac:records:1 snapshot=2026-11-22\ndate,package,source,dimension,category,downloads\n2026-11-21,x,pypistats,overall\n")
    let fresh = RecordSet(snapshot: day, records: []).encoded()
    #expect {
      try store.write(fresh, to: path, validate: Store.recordsValidator(kind: RecordSet.kind))
    } throws: { error in
      "\(error)" == "\(path):3: exists but is damaged (expected 6 fields, found 4), so Almanac will not replace it. Restore it with `git checkout -- \(path)`, or move it aside (or pass --force) to let Almanac write it anew."
    }
    #expect(dir.read("records/pypistats/2026-11-22.csv")?.hasSuffix("overall\n") == true)
    var forced = store
    forced.force = true
    #expect(try forced.write(fresh, to: path, validate: Store.recordsValidator(kind: RecordSet.kind)) == .written)
  }
}

@Suite struct StoreLocking {
  @Test func aSecondRunWaitsThenGivesUpWithAClearMessage() throws {
    let dir = TempDirectory()
    let store = Store(root: dir.path)
    let first = try store.lock(timeout: 1)
    let started = Date()
    #expect {
      _ = try store.lock(timeout: 0.3)
    } throws: { error in
      "\(error)".hasPrefix("\(dir.path)/.almanac.lock: another Almanac run holds the lock on this stats directory (waited 0 s).")
    }
    #expect(Date().timeIntervalSince(started) >= 0.3)
    withExtendedLifetime(first) {}
  }

  @Test func theLockIsFreeAgainWhenItsHolderIsGone() throws {
    let dir = TempDirectory()
    let store = Store(root: dir.path)
    do { _ = try store.lock(timeout: 1) }
    _ = try store.lock(timeout: 0.2)
  }

  @Test func aLockHeldByAnotherProcessBlocksThisOne() throws {
    let dir = TempDirectory()
    try FileManager.default.createDirectory(atPath: dir.path, withIntermediateDirectories: true)
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
    holder.arguments = [dir.file(".almanac.lock"), "sleep", "2"]
    try holder.run()
    Thread.sleep(forTimeInterval: 0.3)
    #expect(throws: AlmanacError.self) { _ = try Store(root: dir.path).lock(timeout: 0.2) }
    holder.terminate()
    holder.waitUntilExit()
  }
}
