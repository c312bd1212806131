import AlmanacKit
import Testing

/// Issue 13 item 7: a delta rebuilds its target byte for byte, stays small when a window slides
/// by a day, and a cut or edited delta is refused.
@Suite struct TextDeltaRoundTrip {
  /// A pypistats.org-shaped body (compact JSON, rows by category then date) for the window
  /// ending the day before `night`.
  static func body(night: Int, categories: [String] = ["3.11", "3.12", "3.13"]) -> String {
    var rows: [String] = []
    for c in categories {
      for d in (night - 180)..<night { rows.append(#"{"category":"\#(c)","date":"day-\#(d)","downloads":\#(d * 7 % 101)}"#) }
    }
    return #"{"data":["# + rows.joined(separator: ",") + #"],"package":"tidewater","type":"python_minor"}"# + "\n"
  }

  @Test(arguments: [
    ("", ""), ("", "a\nb\n"), ("a\nb\n", ""), ("a,b\n", "a,b\n"), ("x", "y"), ("no newline", "no newline at all"),
    ("{\"a\":1},{\"b\":2},", "{\"b\":2},{\"a\":1},"), ("é,ü\n🙂\n", "🙂\né,ü\n"),
  ])
  func rebuildsAnyTextExactly(_ base: String, _ target: String) {
    #expect(TextDelta.apply(TextDelta.make(base: base, target: target), to: base) == target)
    #expect(TextDelta.apply(TextDelta.make(base: base, target: target, chunking: .rows), to: base, chunking: .rows) == target)
  }

  @Test func aSeededMixOfEditsRoundTrips() throws {
    var rng = SeededGenerator(seed: 13)
    for _ in 0..<200 {
      let lines = (0..<Int.random(in: 0...40, using: &rng)).map { _ in "row-\(Int.random(in: 0...30, using: &rng)),\(Int.random(in: 0...9, using: &rng))\n" }
      var edited = lines
      for _ in 0..<Int.random(in: 0...6, using: &rng) {
        switch Int.random(in: 0...2, using: &rng) {
        case 0 where !edited.isEmpty: edited.remove(at: Int.random(in: 0..<edited.count, using: &rng))
        case 1: edited.insert("new-\(Int.random(in: 0...99, using: &rng))\n", at: Int.random(in: 0...edited.count, using: &rng))
        default: edited.shuffle(using: &rng)
        }
      }
      let base = lines.joined(), target = edited.joined()
      #expect(TextDelta.apply(TextDelta.make(base: base, target: target), to: base) == target)
      for format in DeltaFile.versions {
        let delta = DeltaFile.make(base: "2026-11-21.csv", baseText: base, text: target, format: format)
        #expect(try DeltaFile.decode(delta.encoded(), path: "d").apply(to: base, path: "d", basePath: "b") == target)
      }
    }
  }

  @Test func aSlidingWindowCostsOneDayOfRows() throws {
    let base = Self.body(night: 1_000), target = Self.body(night: 1_001)
    let delta = DeltaFile.make(base: "2026-11-21.json", baseText: base, text: target)
    // Each category's new row repeats the row before it with other digits, and the list's new
    // last row the old one (the old one gained a comma); no row is text. The list's first row
    // is a chunk of its own, so the day that left the window costs a cursor move, not the
    // list's opening again.
    let inserted = delta.ops.filter { if case .insert = $0 { true } else { false } }
    let digits = delta.ops.filter { if case .digits = $0 { true } else { false } }
    let edits = delta.ops.filter { if case .edit = $0 { true } else { false } }
    #expect(inserted.isEmpty && digits.count == 3 && edits.count == 1, "\(delta.encoded())")
    #expect(delta.encoded().utf8.count < target.utf8.count / 50)
    let decoded = try DeltaFile.decode(delta.encoded(), path: "d.delta")
    #expect(decoded == delta)
    #expect(try decoded.apply(to: base, path: "d.delta", basePath: "b") == target)
    // Format 2 wrote every new row whole and absolute chunk numbers: more than twice the bytes.
    let older = DeltaFile.make(base: "2026-11-21.json", baseText: base, text: target, format: 2).encoded()
    #expect(delta.encoded().utf8.count * 2 < older.utf8.count)
  }

  @Test func theChecksumIsZlibsCRC32() {
    // The check value of CRC-32 (also Python's `zlib.crc32(b"123456789")`).
    #expect(CRC32.hex("123456789") == "cbf43926")
    #expect(CRC32.hex("") == "00000000")
  }

  @Test func theDeltaIsPlainTextWithTheNewRowsAsTheyAre() {
    let base = "alpha-row-1\nalpha-row-2\nc,d\nx\n", text = "alpha-row-1\nalpha-row-2\nc,d\nnew row\n{\"x\":1},{\"x\":7},alpha-row-1\nalpha-row-2\n"
    let delta = DeltaFile.make(base: "2026-11-21.csv", baseText: base, text: text)
    #expect(delta.encoded() == """
      #almanac:delta:3 2026-11-21.csv \(CRC32.hex(base)) \(CRC32.hex(text))
      =3
      +new row
      ~{"x":1},
      &7
      <3
      =2

      """)
  }

  @Test func anEditedDeltaIsRefusedNamingTheFile() throws {
    let base = Self.body(night: 1_000), target = Self.body(night: 1_001)
    let text = DeltaFile.make(base: "2026-11-21.json", baseText: base, text: target).encoded()
    let edited = try DeltaFile.decode(text.replacingOccurrences(of: ",31\n", with: ",32\n"), path: "x.delta")
    #expect(edited != DeltaFile.make(base: "2026-11-21.json", baseText: base, text: target))
    #expect {
      _ = try edited.apply(to: base, path: "stats/raw/p/2026-11-22.json.delta", basePath: "stats/raw/p/2026-11-21.json")
    } throws: { error in
      "\(error)" == "stats/raw/p/2026-11-22.json.delta: does not rebuild the file it stands for (an operation or its checksum was changed or cut). Restore it with `git checkout -- stats/raw/p/2026-11-22.json.delta`, or re-run the stage that writes it."
    }
  }

  @Test func anUnknownFormatLineNamesTheFormsThatAreRead() {
    #expect {
      _ = try DeltaFile.decode("#almanac:delta:1\nbase=2026-11-21.json\n=3\n", path: "stats/raw/p/2026-11-22.json.delta")
    } throws: { error in
      "\(error)".hasPrefix(
        "stats/raw/p/2026-11-22.json.delta:1: expected `#almanac:delta:3` (or `#almanac:delta:2`, an older form still read) on the first line, found `#almanac:delta:1`")
    }
  }

  @Test func aChangedBaseIsRefusedNamingBothFiles() throws {
    let base = Self.body(night: 1_000), target = Self.body(night: 1_001)
    let delta = DeltaFile.make(base: "2026-11-21.json", baseText: base, text: target)
    #expect {
      _ = try delta.apply(to: base + " ", path: "s/2026-11-22.json.delta", basePath: "s/2026-11-21.json")
    } throws: { error in
      "\(error)" == "s/2026-11-22.json.delta: was made against another s/2026-11-21.json than the one on disk (its checksum differs), so it cannot be rebuilt. One of the two was edited or cut; restore both with `git checkout -- s/2026-11-21.json s/2026-11-22.json.delta`, or re-run the stage that writes them."
    }
  }

  @Test(arguments: [
    ("not a delta", "{\"base\": \"2026-11-21.json\"}\n"),
    ("cut in the head", "#almanac:delta:2\nbase=2026-11-21.json\nbase_fn"),
    ("bad op", "#almanac:delta:2\nbase=2026-11-21.json\nbase_crc32=0\ncrc32=0\n=x+1\n"),
    ("base elsewhere", "#almanac:delta:2\nbase=../x/2026-11-21.json\nbase_crc32=0\ncrc32=0\n"),
    ("format 3 with fields", "#almanac:delta:3\nbase=2026-11-21.json\nbase_crc32=0\ncrc32=0\n"),
    ("format 3, a checksum short", "#almanac:delta:3 2026-11-21.json 0\n=1\n"),
    ("format 3, an absolute copy", "#almanac:delta:3 2026-11-21.json 0 0\n=0+1\n"),
    ("format 3, a zero copy", "#almanac:delta:3 2026-11-21.json 0 0\n=0\n"),
    ("format 3, back past the start", "#almanac:delta:3 2026-11-21.json 0 0\n=2\n<3\n"),
    ("format 3, digits that are not", "#almanac:delta:3 2026-11-21.json 0 0\n=2\n&1,x\n"),
    ("format 2 with a cursor", "#almanac:delta:2\nbase=2026-11-21.json\nbase_crc32=0\ncrc32=0\n>1\n"),
    ("format 4", "#almanac:delta:4 2026-11-21.json 0 0\n"),
    ("format 3, a cursor past any file", "#almanac:delta:3 2026-11-21.json 0 0\n>9223372036854775807\n>9223372036854775807\n=1\n"),
    ("format 2, a copy past any file", "#almanac:delta:2\nbase=2026-11-21.json\nbase_crc32=0\ncrc32=0\n=9223372036854775807+9223372036854775807\n"),
  ])
  func aMalformedDeltaIsAFormatError(_ name: String, _ text: String) {
    #expect(throws: FormatError.self, "\(name)") { _ = try DeltaFile.decode(text, path: "d.delta") }
  }

  /// Stores written before format 3 hold format 2 files: they read with format 2's chunks
  /// (format 3 would cut the base `{"data":[` `{"a":1},` `{"b":2}` `]}`).
  @Test func aFormatTwoFileStillReads() throws {
    let base = #"{"data":[{"a":1},{"b":2}]}"# + "\n", target = #"{"b":2}]}"# + "\n"
    let text = "#almanac:delta:2\nbase=2026-11-21.json\nbase_crc32=\(CRC32.hex(base))\ncrc32=\(CRC32.hex(target))\n=1+1\n"
    let delta = try DeltaFile.decode(text, path: "d")
    #expect(delta.format == 2 && delta.encoded() == text)
    #expect(try delta.apply(to: base, path: "d", basePath: "b") == target)
  }

  @Test(arguments: [
    [TextDelta.Op.digits(["1"])], [.insert("a1b2\n"), .digits(["1"])], [.insert("ab\n"), .digits([""])], [.insert("a1\n"), .digits(["x"])],
    [.edit(start: 0, fields: ["1"])], [.copy(start: Int.max, count: Int.max)], [.copy(start: 0, count: Int.max)],
  ])
  func digitsNeedAChunkBeforeThemAndAFieldForEachRun(_ ops: [TextDelta.Op]) {
    #expect(TextDelta.apply(ops, to: "") == nil)
    #expect(TextDelta.apply(ops, to: "x\n") == nil)
    #expect(TextDelta.apply([.insert("a1b22\n"), .digits(["", "7"])], to: "") == "a1b22\na1b7\n")
  }
}
