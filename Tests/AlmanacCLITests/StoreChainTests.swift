import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// Issue 13 item 7: raw, records and classified files are stored as chains of deltas bounded by
/// the year (a month's oldest file against the previous month's oldest, every other file against
/// the file before it), and every reader still gets the whole text.
@Suite struct StoreChains {
  static let days = (0..<30).compactMap { Day(year: 2026, month: 10, day: 20)?.adding(days: $0) }

  /// A raw snapshot whose body is a 180-day window ending the day before `day`.
  static func snapshot(_ day: Day, bump: Int = 0) -> RawSnapshot {
    let rows = (1...180).map { back -> String in
      let d = day.adding(days: -back)
      return #"{"category":"with_mirrors","date":"\#(d)","downloads":\#(d.ordinal % 97 + bump)}"#
    }.reversed()
    let body = #"{"data":["# + rows.joined(separator: ",") + #"],"package":"tidewater","type":"overall_downloads"}"# + "\n"
    return RawSnapshot(source: "pypistats", date: day, exchanges: [
      .init(target: "tidewater", endpoint: "overall", url: "https://pypistats.org/api/packages/tidewater/overall", status: 200, contentType: "application/json", body: body),
    ])
  }

  static func writeAll(_ store: Store) throws {
    for day in days { try store.write(snapshot(day).encoded(), to: store.rawPath("pypistats", day), validate: Store.rawValidator) }
  }

  @Test func thirtyNightsReadBackExactlyAndOnlyTheYearsFirstIsWhole() throws {
    let dir = TempDirectory()
    let store = Store(root: dir.path)
    try Self.writeAll(store)
    let names = Set(FileSystem.list(dir.file("raw/pypistats")))
    #expect(names.contains("2026-10-20.json") && names.contains("2026-11-01.json.delta"), "the year's oldest file is whole, a month's oldest a delta")
    #expect(names.filter { $0.hasSuffix(".delta") }.count == 29)
    for day in Self.days {
      #expect(try store.readRaw("pypistats", day) == Self.snapshot(day))
      #expect(try store.readText(store.rawPath("pypistats", day)) == Self.snapshot(day).encoded())
    }
    #expect(store.snapshotDays("raw", "pypistats") == Self.days)
    let whole = Self.snapshot(try #require(Self.days.last)).encoded().utf8.count
    let delta = try #require(FileSystem.readData(dir.file("raw/pypistats/2026-11-18.json.delta")))
    #expect(delta.count < whole / 10, "\(delta.count) bytes for a night, the whole file is \(whole)")
    // Only November's oldest reads from October, and from October's oldest.
    for name in names where name.hasPrefix("2026-11") && name.hasSuffix(".delta") {
      let base = try DeltaFile.decode(#require(dir.read("raw/pypistats/\(name)")), path: name).base
      #expect(name.hasPrefix("2026-11-01") ? base == "2026-10-20.json" : base.hasPrefix("2026-11"), "\(name): \(base)")
    }
  }

  @Test func writingTheSameTextAgainChangesNoByte() throws {
    let dir = TempDirectory()
    let store = Store(root: dir.path)
    try Self.writeAll(store)
    let before = dir.snapshot()
    for day in Self.days { #expect(try store.write(Self.snapshot(day).encoded(), to: store.rawPath("pypistats", day)) == .unchanged) }
    #expect(dir.snapshot() == before)
  }

  @Test func rewritingAnEarlierDayRemakesTheNextAndEveryLaterDayStillReads() throws {
    let dir = TempDirectory()
    let store = Store(root: dir.path)
    try Self.writeAll(store)
    let day = try #require(Day("2026-11-05"))
    #expect(try store.write(Self.snapshot(day, bump: 3).encoded(), to: store.rawPath("pypistats", day)) == .written)
    #expect(try store.readRaw("pypistats", day) == Self.snapshot(day, bump: 3))
    for later in Self.days where later != day { #expect(try store.readRaw("pypistats", later) == Self.snapshot(later)) }
    // The same files, written in order from nothing, give the same bytes: the form depends on
    // the texts alone.
    let fresh = TempDirectory()
    let other = Store(root: fresh.path)
    for d in Self.days { try other.write(Self.snapshot(d, bump: d == day ? 3 : 0).encoded(), to: other.rawPath("pypistats", d)) }
    #expect(fresh.snapshot() == dir.snapshot())
  }

  @Test func removingTheYearsWholeFileMakesTheNextOneWhole() throws {
    let dir = TempDirectory()
    let store = Store(root: dir.path)
    try Self.writeAll(store)
    try store.remove(store.rawPath("pypistats", try #require(Day("2026-10-20"))))
    #expect(dir.read("raw/pypistats/2026-10-21.json") != nil)
    #expect(dir.read("raw/pypistats/2026-10-21.json.delta") == nil)
    #expect(try DeltaFile.decode(#require(dir.read("raw/pypistats/2026-11-01.json.delta")), path: "d").base == "2026-10-21.json")
    for day in Self.days where day.description != "2026-10-20" { #expect(try store.readRaw("pypistats", day) == Self.snapshot(day)) }
    // Removing a month's oldest file: the next day of its month takes its place, against
    // the previous month's oldest.
    try store.remove(store.rawPath("pypistats", try #require(Day("2026-11-01"))))
    #expect(try DeltaFile.decode(#require(dir.read("raw/pypistats/2026-11-02.json.delta")), path: "d").base == "2026-10-21.json")
    let kept = Self.days.filter { !["2026-10-20", "2026-11-01"].contains($0.description) }
    for day in kept { #expect(try store.readRaw("pypistats", day) == Self.snapshot(day)) }
    let fresh = TempDirectory()
    let other = Store(root: fresh.path)
    for d in kept { try other.write(Self.snapshot(d).encoded(), to: other.rawPath("pypistats", d)) }
    #expect(fresh.snapshot() == dir.snapshot(), "the same files as a store written from nothing")
  }

  /// 2026-11-25 to 2027-02-05: December's and February's oldest files are deltas against the
  /// previous month's oldest; 2027-01-01 starts the year whole. Rewriting or removing a month's
  /// oldest file re-makes both files made against it, giving the bytes a fresh store writes.
  @Test func aChainCrossesMonthsAndTheYearStartsWhole() throws {
    let days = (0..<73).compactMap { Day(year: 2026, month: 11, day: 25)?.adding(days: $0) }
    let dir = TempDirectory()
    let store = Store(root: dir.path)
    for day in days { try store.write(Self.snapshot(day).encoded(), to: store.rawPath("pypistats", day), validate: Store.rawValidator) }
    let names = FileSystem.list(dir.file("raw/pypistats"))
    #expect(names.filter { !$0.hasSuffix(".delta") } == ["2026-11-25.json", "2027-01-01.json"])
    func base(_ name: String) throws -> String { try DeltaFile.decode(#require(dir.read("raw/pypistats/\(name).delta")), path: name).base }
    #expect(try base("2026-12-01.json") == "2026-11-25.json")
    #expect(try base("2026-12-02.json") == "2026-12-01.json")
    #expect(try base("2027-02-01.json") == "2027-01-01.json")
    for day in days { #expect(try store.readRaw("pypistats", day) == Self.snapshot(day)) }

    func expectAsWrittenFresh(_ texts: [Day: String], _ comment: Comment) throws {
      let fresh = TempDirectory()
      let other = Store(root: fresh.path)
      for d in texts.keys.sorted() { try other.write(texts[d]!, to: other.rawPath("pypistats", d)) }
      #expect(fresh.snapshot() == dir.snapshot(), comment)
      for d in texts.keys { #expect(try store.readText(store.rawPath("pypistats", d)) == texts[d]) }
    }
    var texts = Dictionary(uniqueKeysWithValues: days.map { ($0, Self.snapshot($0).encoded()) })
    for edited in ["2026-12-01", "2027-01-01"] {
      let day = try #require(Day(edited))
      texts[day] = Self.snapshot(day, bump: 5).encoded()
      #expect(try store.write(texts[day]!, to: store.rawPath("pypistats", day)) == .written)
      try expectAsWrittenFresh(texts, "after rewriting \(edited)")
    }
    for removed in ["2026-12-01", "2027-01-01"] {
      let day = try #require(Day(removed))
      try store.remove(store.rawPath("pypistats", day))
      texts[day] = nil
      try expectAsWrittenFresh(texts, "after removing \(removed)")
    }
    #expect(dir.read("raw/pypistats/2027-01-02.json") != nil, "the year's next file is whole")
    #expect(try base("2027-02-01.json") == "2027-01-02.json")
    #expect(try base("2026-12-02.json") == "2026-11-25.json")
  }

  @Test func aCutDeltaIsAnErrorNamingTheFileAndTheCheckout() throws {
    let dir = TempDirectory()
    let store = Store(root: dir.path)
    try Self.writeAll(store)
    let name = "raw/pypistats/2026-11-10.json.delta"
    let text = try #require(dir.read(name))
    try dir.write(name, String(text.prefix(text.count / 2)))
    #expect {
      _ = try store.readRaw("pypistats", try #require(Day("2026-11-12")))
    } throws: { error in
      let message = "\(error)"
      return message.hasPrefix(dir.file(name) + ":") && message.contains("cut") && message.contains("git checkout -- \(dir.file(name))")
    }
    // The day before the cut still reads; writing over the cut file is refused, not silent.
    #expect(try store.readRaw("pypistats", try #require(Day("2026-11-09"))) == Self.snapshot(try #require(Day("2026-11-09"))))
    #expect(throws: AlmanacError.self) {
      try store.write(Self.snapshot(try #require(Day("2026-11-10"))).encoded(), to: store.rawPath("pypistats", try #require(Day("2026-11-10"))), validate: Store.rawValidator)
    }
  }

  @Test func anEditedWholeFileIsNamedAsTheBaseThatChanged() throws {
    let dir = TempDirectory()
    let store = Store(root: dir.path)
    try Self.writeAll(store)
    let whole = "raw/pypistats/2026-10-20.json"
    try dir.write(whole, try #require(dir.read(whole)).replacingOccurrences(of: "\"tidewater\"", with: "\"tidewater2\""))
    #expect {
      _ = try store.readRaw("pypistats", try #require(Day("2026-10-21")))
    } throws: { error in
      "\(error)".contains("was made against another \(dir.file(whole)) than the one on disk") && "\(error)".contains("git checkout -- \(dir.file(whole)) \(dir.file("raw/pypistats/2026-10-21.json.delta"))")
    }
    // A month's oldest names the previous month's oldest.
    #expect {
      _ = try store.readRaw("pypistats", try #require(Day("2026-11-03")))
    } throws: { error in
      "\(error)".contains("\(dir.file("raw/pypistats/2026-11-01.json.delta")): was made against another \(dir.file(whole))")
    }
  }
}
