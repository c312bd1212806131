import Testing

@testable import AlmanacKit

@Suite struct DetailCSVReaderTests {
  static let head = "#almanac:detail:1 snapshot=2026-11-22\ndate,package,version,installer,type,country,downloads\n"
  /// A stored file's head: the header alone (the file name is the snapshot).
  static let storedHead = "date,package,version,installer,type,country,downloads\n"

  /// Random detail files with awkward fields: commas, quotes, newlines, spaces, non-ASCII.
  static func randomFile(seed: UInt64, rows: Int) -> String {
    var g = SeededGenerator(seed: seed)
    let odd = ["", "pip", "a,b", "say \"hi\"", "two\nlines", " lead", "ünï", "Browser", "1.0rc1", "x\r\ny"]
    var rowsOut: [DetailedDownload] = []
    for _ in 0..<rows {
      func pick() -> String { odd[Int.random(in: 0..<odd.count, using: &g)] }
      rowsOut.append(DetailedDownload(
        date: Day(ordinal: 20_000 + Int.random(in: 0..<30, using: &g)), package: "tidewater", version: pick(), installer: pick(), type: pick(),
        country: pick(), downloads: Int64.random(in: 0...1_000_000, using: &g)))
    }
    return DetailedRecordSet(snapshot: Day(ordinal: 20_030), rows: rowsOut).encoded(formatLine: seed.isMultiple(of: 2))
  }

  @Test(arguments: [1, 7, 64, 1 << 20])
  func streamingEqualsDecodeOnWrittenFiles(chunkSize: Int) throws {
    for seed in 1...5 as ClosedRange<UInt64> {
      let text = Self.randomFile(seed: seed, rows: 200)
      let path = "records/pypi/\(Day(ordinal: 20_030)).detail.csv"
      #expect(try DetailedRecordSet.decodeStreaming(text, path: path, chunkSize: chunkSize) == DetailedRecordSet.decode(text, path: path))
    }
  }

  @Test func acceptsWhatDecodeAccepts() throws {
    let inputs = [
      Self.head,
      Self.head + "2026-11-22,t,1.0,pip,sdist,US,+5\n2026-11-22,t,1.0,uv,sdist,US,-0\n",
      Self.head.replacingAll("\n", with: "\r\n") + "2026-11-22,t,1.0,pip,sdist,US,5\r\n",
      Self.head + "\"2026-11-22\",t,\"1.0\",\"\",sdist,,9223372036854775807\n",
      "#almanac:detail:1\n" + Self.head.split(separator: "\n")[1] + "\n",
      Self.storedHead,
      Self.storedHead + "2026-11-20,t,1.0,pip,sdist,US,5\n",
      Self.storedHead.replacingAll("\n", with: "\r\n") + "\"2026-11-19\",t,\"1,0\",\"\",sdist,,7\r\n",
    ]
    for text in inputs {
      for chunk in [1, 3, 1 << 20] {
        #expect(
          try DetailedRecordSet.decodeStreaming(text, path: "d.csv", fallbackSnapshot: day("2026-11-20"), chunkSize: chunk)
            == DetailedRecordSet.decode(text, path: "d.csv", fallbackSnapshot: day("2026-11-20")), "\(text.debugDescription)")
      }
    }
  }

  @Test(arguments: [
    "",
    "#almanac:detail:1 snapshot=2026-11-22\n",
    "#almanac:records:1 snapshot=2026-11-22\ndate\n",
    "#almanac:detail:1 snapshot=2026-11-22\ndate,package\n",
    head + "2026-11-22,t,1.0,pip,sdist,US,5",
    head + "2026-11-22,t,1.0,pip,sdist,US\n",
    head + "2026-11-22,t,1.0,pip,sdist,US,5,6\n",
    head + "2026-11-22,t,1.0,pip,sdist,US,-5\n",
    head + "2026-11-22,t,1.0,pip,sdist,US,99999999999999999999\n",
    head + "2026-11-22,t,1.0,pip,sdist,US,\n",
    head + "22-11-2026,t,1.0,pip,sdist,US,5\n",
    head + "2026-02-30,t,1.0,pip,sdist,US,5\n",
    head + "2026-11-22,t,\"1.0,pip,sdist,US,5\n",
    head + "2026-11-22,t,1\"0,pip,sdist,US,5\n",
    head + "2026-11-22,t,\"1\"0,pip,sdist,US,5\n",
    head + "2026-11-22,t,1\r0,pip,sdist,US,5\n",
    "#almanac:detail:1 snapshot=soon\ndate,package,version,installer,type,country,downloads\n",
    "#almanac:detail:2 snapshot=2026-11-22\ndate,package,version,installer,type,country,downloads\n",
    "date,package\n",
    storedHead + "2026-11-22,t,1.0,pip,sdist,US,5",
    storedHead + "2026-11-22,t,1.0,pip,sdist,US\n",
    storedHead + "2026-11-22,t,\"1.0,pip,sdist,US,5\n",
  ])
  func rejectsWhatDecodeRejectsWithTheSameMessage(text: String) {
    var expected = ""
    do { _ = try DetailedRecordSet.decode(text, path: "d.csv") } catch { expected = error.description }
    #expect(!expected.isEmpty)
    for chunk in [1, 5, 1 << 20] {
      var actual = ""
      do { _ = try DetailedRecordSet.decodeStreaming(text, path: "d.csv", chunkSize: chunk) } catch { actual = error.description }
      #expect(actual == expected, "chunk \(chunk)")
    }
  }

  @Test func theStreamClassifierMatchesTheInMemoryOne() throws {
    let text = Self.randomFile(seed: 9, rows: 500)
    let stream = DetailStreamClassifier(path: "d.csv", rules: InstallerRules(), fallbackSnapshot: Day(ordinal: 20_030))
    let bytes = Array(text.utf8)
    for start in stride(from: 0, to: bytes.count, by: 13) {
      try bytes[start..<min(bytes.count, start + 13)].withUnsafeBytes { try stream.consume($0) }
    }
    let (streamed, streamedDiagnostics) = try stream.finish()
    let (inMemory, diagnostics) = InstallerClassifier.classify(try DetailedRecordSet.decode(text, path: "d.csv", fallbackSnapshot: Day(ordinal: 20_030)), rules: InstallerRules())
    #expect(stream.rows == 500)
    #expect(streamed == inMemory)
    #expect(streamedDiagnostics == diagnostics)
    #expect(!diagnostics.isEmpty)
  }
}

/// Rows in any order (a query without ORDER BY) classify exactly as the same rows in day order,
/// across enough (package, day, version) groups to grow the group table several times.
@Suite struct UnsortedDetailRows {
  /// Three packages × 60 days × 20 versions × up to six installers (one unknown), seeded.
  static func rows(seed: UInt64) -> [DetailedDownload] {
    var g = SeededGenerator(seed: seed)
    var rows: [DetailedDownload] = []
    for package in ["tidewater", "estuary", "delta"] {
      for day in 0..<60 {
        for version in 0..<20 {
          for installer in ["pip", "uv", "bandersnatch", "Nexus", "", "fetchbot"] where Int.random(in: 0..<3, using: &g) > 0 {
            rows.append(DetailedDownload(
              date: Day(ordinal: 20_000 + day), package: package, version: "1.\(version)", installer: installer, type: "bdist_wheel",
              country: "US", downloads: Int64.random(in: 1...500, using: &g)))
          }
        }
      }
    }
    return rows
  }

  static func classify(_ rows: [DetailedDownload]) -> (ClassifiedDetail, [Diagnostic]) {
    var acc = DetailAccumulator(rules: InstallerRules())
    for row in rows { acc.add(row) }
    return acc.finish(snapshot: Day(ordinal: 20_060), source: "pypi", releases: [:])
  }

  @Test func anyOrderGivesTheSameClassification() {
    var rows = Self.rows(seed: 13)
    var g = SeededGenerator(seed: 13)
    let sorted = Self.classify(rows)
    #expect(sorted.0 == Self.classify(rows.reversed()).0)
    rows.shuffle(using: &g)
    let shuffled = Self.classify(rows)
    #expect(sorted.0 == shuffled.0)
    #expect(sorted.1 == shuffled.1)
    #expect(rows.count > 5_000)
  }

  /// The streaming classifier buckets each chunk's rows by (package, day) before counting when
  /// they are not in day order: any order, any chunk size, the same classified bytes.
  @Test(arguments: [61, 4_096, 1 << 22])
  func theStreamGivesTheSameBytesForRowsInAnyOrder(chunkSize: Int) throws {
    var rows = Self.rows(seed: 29)
    let (expected, expectedDiagnostics) = Self.classify(rows)
    var g = SeededGenerator(seed: 29)
    rows.shuffle(using: &g)
    for order in [rows, Array(rows.reversed()), rows.sorted { ($0.date, $0.version) < ($1.date, $1.version) }] {
      // Written by hand: `DetailedRecordSet` sorts its rows.
      let text = DetailCSVReaderTests.storedHead
        + order.map { "\($0.date),\($0.package),\($0.version),\($0.installer),\($0.type),\($0.country),\($0.downloads)\n" }.joined()
      let stream = DetailStreamClassifier(path: "stats/records/pypi/2024-12-03.detail.csv", rules: InstallerRules())
      let bytes = Array(text.utf8)
      for start in stride(from: 0, to: bytes.count, by: chunkSize) {
        try bytes[start..<min(bytes.count, start + chunkSize)].withUnsafeBytes { try stream.consume($0) }
      }
      let (streamed, diagnostics) = try stream.finish()
      #expect(streamed.records.encoded() == expected.records.encoded())
      #expect(streamed == expected)
      #expect(diagnostics == expectedDiagnostics)
      #expect(stream.rows == rows.count)
    }
  }
}
