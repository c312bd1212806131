import Testing

@testable import AlmanacKit

@Suite struct DayTests {
  @Test(arguments: ["1970-01-01", "1969-12-31", "2000-02-29", "2024-02-29", "2026-11-20", "1999-12-31", "0001-01-01", "9999-12-31"])
  func printsWhatItParses(_ text: String) throws {
    let d = try #require(Day(text))
    #expect(d.description == text)
  }

  @Test(arguments: [
    "2026-02-29", "2026-13-01", "soon", "2026-1-01", "2026-01-1", "2026-00-10", "2026-01-00", "2026-04-31",
    "1900-02-29", "2100-02-29", "0000-01-01", "", "2026-01-01T00:00:00Z", " 2026-01-01", "2026-01-0a",
    "2026/01/01", "+026-01-01", "2026-01--1", "２026-01-01",
  ])
  func rejectsAnythingButAValidYYYYMMDD(_ text: String) {
    #expect(Day(text) == nil)
  }

  @Test func everyDayBetween1900And2100RoundTripsThroughItsText() throws {
    let start = try #require(Day("1900-01-01"))
    let end = try #require(Day("2100-12-31"))
    var wrong: [String] = []
    var previous = start.adding(days: -1).components
    for ordinal in start.ordinal...end.ordinal {
      let d = Day(ordinal: ordinal)
      let c = d.components
      let p = previous
      let expected = p.day + 1 <= Day.daysIn(month: p.month, year: p.year)
        ? (p.year, p.month, p.day + 1) : (p.month == 12 ? (p.year + 1, 1, 1) : (p.year, p.month + 1, 1))
      if c != expected || Day(d.description) != d { wrong.append(d.description) }
      previous = c
    }
    #expect(wrong.isEmpty)
  }

  @Test func leapYearsFollowTheGregorianRule() {
    #expect(Day(year: 2000, month: 2, day: 29) != nil)
    #expect(Day(year: 2024, month: 2, day: 29) != nil)
    #expect(Day(year: 1900, month: 2, day: 29) == nil)
    #expect(Day(year: 2100, month: 2, day: 29) == nil)
    #expect(Day(year: 2026, month: 2, day: 29) == nil)
    #expect(day("2024-03-01") - day("2024-02-01") == 29)
    #expect(day("2023-03-01") - day("2023-02-01") == 28)
  }

  @Test func theEpochIsOrdinalZero() {
    #expect(day("1970-01-01").ordinal == 0)
    #expect(day("1969-12-31").ordinal == -1)
    #expect(Day(ordinal: 20_412).description == "2025-11-20")
  }

  @Test(arguments: [
    ("1970-01-01", 4), ("1969-12-31", 3), ("2026-11-20", 5), ("2026-11-21", 6), ("2026-11-22", 7),
    ("2026-11-23", 1), ("2000-01-01", 6), ("1600-03-01", 3),
  ])
  func knowsTheISOWeekday(_ text: String, _ weekday: Int) {
    #expect(day(text).isoWeekday == weekday)
    #expect(day(text).isWeekend == (weekday >= 6))
  }

  @Test func arithmeticCrossesMonthsAndYears() {
    #expect(day("2025-12-31").adding(days: 1) == day("2026-01-01"))
    #expect(day("2026-01-01").adding(days: -1) == day("2025-12-31"))
    #expect(day("2024-02-28").adding(days: 1) == day("2024-02-29"))
    #expect(day("2026-11-20").adding(days: -180) == day("2026-05-24"))
    #expect(day("2026-01-01") - day("2025-01-01") == 365)
    #expect(day("2025-01-01") - day("2024-01-01") == 366)
    #expect(day("2000-01-01") - day("1970-01-01") == 10_957)
    #expect(day("1970-01-01") - day("2000-01-01") == -10_957)
  }

  @Test func ordersByDateAndListsARange() {
    #expect(day("2025-12-31") < day("2026-01-01"))
    #expect([day("2026-01-02"), day("2025-12-31"), day("2026-01-01")].sorted().map(\.description)
      == ["2025-12-31", "2026-01-01", "2026-01-02"])
    #expect((day("2025-12-30")...day("2026-01-02")).days.map(\.description)
      == ["2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02"])
    #expect((day("2026-01-01")...day("2026-01-01")).days.count == 1)
  }

  @Test func readsTheDateOfAnISOTimestamp() {
    #expect(Day(isoPrefix: "2016-10-10T00:00:00Z") == day("2016-10-10"))
    #expect(Day(isoPrefix: "2016-10-10") == day("2016-10-10"))
    #expect(Day(isoPrefix: "2016-10-1") == nil)
    #expect(Day(isoPrefix: "2016-02-30T00:00:00Z") == nil)
  }

  @Test func theUTCDayOfUnixSecondsRoundsDown() {
    #expect(Day(unixSeconds: 0) == day("1970-01-01"))
    #expect(Day(unixSeconds: 86_399.9) == day("1970-01-01"))
    #expect(Day(unixSeconds: 86_400) == day("1970-01-02"))
    #expect(Day(unixSeconds: -0.5) == day("1969-12-31"))
    #expect(Day(unixSeconds: 1_763_683_199) == day("2025-11-20"))
  }

  /// The detail reader dates rows from bytes: it must accept and reject exactly what the text
  /// parser does, on the named cases above and on seeded near-dates (digits, dashes, junk).
  @Test func parsesBytesExactlyAsText() {
    var cases = [
      "1970-01-01", "2000-02-29", "9999-12-31", "0001-01-01", "2026-02-29", "2026-13-01", "2026-1-01", "0000-01-01",
      "", "2026-01-0a", "2026/01/01", "+026-01-01", "2026-01--1", "２026-01-01", "2026-01-01T00:00:00Z",
    ]
    var g = SeededGenerator(seed: 88)
    let alphabet = Array("0123456789-/:a ")
    for _ in 0..<20_000 {
      var chars = Array("2026-11-22")
      for _ in 0..<Int.random(in: 0...2, using: &g) { chars[Int.random(in: 0..<10, using: &g)] = alphabet.randomElement(using: &g) ?? "0" }
      cases.append(String(chars))
    }
    var disagree: [String] = []
    for text in cases {
      var copy = text
      if copy.withUTF8({ Day(utf8: $0) }) != Day(text) { disagree.append(text) }
    }
    #expect(disagree.isEmpty)
  }
}
