import Testing

@testable import AlmanacKit

@Suite struct CanonicalJSONTests {
  @Test func indentsByTwoSpacesAndEndsWithANewline() {
    let value: JSONValue = ["b": [1, 2, ["x": true]], "a": .null, "c": [:], "d": []]
    #expect(CanonicalJSON.encode(value) == """
      {
        "a": null,
        "b": [
          1,
          2,
          {
            "x": true
          }
        ],
        "c": {},
        "d": []
      }

      """)
  }

  @Test func writesCompactFormOnOneLine() {
    let value: JSONValue = ["b": [1, 2], "a": "x", "c": [:]]
    #expect(CanonicalJSON.encodeCompact(value) == #"{"a":"x","b":[1,2],"c":{}}"#)
  }

  @Test func encodesScalarsAtTheTopLevel() {
    #expect(CanonicalJSON.encode(.int(0)) == "0\n")
    #expect(CanonicalJSON.encode(.string("x")) == "\"x\"\n")
    #expect(CanonicalJSON.encode(false) == "false\n")
  }

  @Test func sortsKeysByTheirUTF8Bytes() {
    // UTF-16 order would put the emoji (a surrogate pair, 0xD83D…) before U+FF61; UTF-8 does not.
    let keys = ["b", "a", "B", "é", "z", "aa", "~", "😀", "\u{FF61}", "", "a b"]
    let value = JSONValue.object(Dictionary(uniqueKeysWithValues: keys.map { ($0, JSONValue.int(1)) }))
    let order = ["", "B", "a", "a b", "aa", "b", "z", "~", "é", "\u{FF61}", "😀"]
    #expect(CanonicalJSON.encodeCompact(value) == "{" + order.map { "\"\($0)\":1" }.joined(separator: ",") + "}")
  }

  @Test(arguments: [
    (1.5, "1.5"), (0.1, "0.1"), (-2.5, "-2.5"), (1e-7, "0.0000001"), (-1e-7, "-0.0000001"), (1.5e-7, "0.00000015"),
    (1e-5, "0.00001"), (1.2345e-10, "0.00000000012345"), (1e20, "100000000000000000000"), (2.0, "2"), (-0.0, "0"),
    (1e15, "1000000000000000"), (1e16, "10000000000000000"), (1234567890123456.0, "1234567890123456"),
    (123456789012345.0, "123456789012345"), (12345.678, "12345.678"), (0.30000000000000004, "0.30000000000000004"),
    (33.33, "33.33"), (2.5e21, "2500000000000000000000"), (Double.infinity, "null"), (Double.nan, "null"),
  ])
  func spellsEachNumberOneWay(_ number: Double, _ text: String) {
    #expect(CanonicalJSON.number(number) == text)
    #expect(CanonicalJSON.encodeCompact(.double(number)) == text)
  }

  @Test func spellsTheExtremesWithoutAnExponent() throws {
    let tiny = CanonicalJSON.number(.leastNonzeroMagnitude)
    #expect(tiny == "0." + String(repeating: "0", count: 323) + "5")
    let huge = CanonicalJSON.number(.greatestFiniteMagnitude)
    #expect(huge == "17976931348623157" + String(repeating: "0", count: 292))
    #expect(try JSONParser.parse(tiny) == .double(.leastNonzeroMagnitude))
    #expect(try JSONParser.parse(huge) == .double(.greatestFiniteMagnitude))
  }

  @Test func writesIntegersAsDigits() {
    #expect(CanonicalJSON.encodeCompact([.int(27_234_697_969), .int(-1), .int(.max), .int(.min)])
      == "[27234697969,-1,9223372036854775807,-9223372036854775808]")
  }

  @Test func escapesQuotesBackslashesAndControlCharacters() {
    let s = "q\"b\\s/n\nr\rt\tb\u{08}f\u{0C}z\u{0}u\u{1F}d\u{7F}·😀\u{2028}"
    #expect(CanonicalJSON.encodeCompact(.string(s))
      == #""q\"b\\s/n\nr\rt\tb\bf\fz\u0000u\u001fd\u007f·😀"# + "\u{2028}\"")
  }

  /// The byte-level escaper against the scalar-by-scalar one it replaced (kept here as the
  /// reference), on seeded strings of quotes, backslashes, every control character, DEL,
  /// CRLF and multi-byte text; and every encoded string parses back to itself.
  @Test func escapesLikeTheScalarReferenceAndParsesBack() throws {
    func reference(_ s: String) -> String {
      var out = "\""
      for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        case "\u{00}"..."\u{1F}", "\u{7F}":
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: out.unicodeScalars.append(scalar)
        }
      }
      return out + "\""
    }
    let pieces = ["\"", "\\", "\r\n", "a", "date", "é", "😀", "e\u{301}", "\u{2028}", "{", " "] + (0...0x1F).map { String(UnicodeScalar(UInt8($0))) } + ["\u{7F}"]
    var g = SeededGenerator(seed: 88)
    for _ in 0..<2_000 {
      let s = (0..<Int.random(in: 0...12, using: &g)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &g)] }.joined()
      let encoded = CanonicalJSON.encodeCompact(.string(s))
      #expect(encoded == reference(s))
      #expect(try JSONParser.parse(encoded).stringValue.map { Array($0.unicodeScalars) } == Array(s.unicodeScalars))
    }
  }

  @Test func keepsCombiningMarksAsWritten() throws {
    let decomposed = "e\u{301}"
    let encoded = CanonicalJSON.encodeCompact(.string(decomposed))
    #expect(Array(encoded.utf8) == [0x22, 0x65, 0xCC, 0x81, 0x22])
    #expect(try JSONParser.parse(encoded).stringValue.map { Array($0.unicodeScalars) } == Array(decomposed.unicodeScalars))
  }

  static let documents = [
    #"{"data":{"last_day":2295765,"last_month":67759913,"last_week":15706750},"package":"pip","type":"recent_downloads"}"#,
    #"{"data":[{"category":"3.10","date":"2026-11-19","downloads":7}],"package":"p","type":"python_minor_downloads"}"#,
    #"[1.5, 0.1, 1e-7, 1E20, 2.0, -0, 1e15, 123.456e2, "\u00e9\ud83d\ude00\n", {"z": [], "a": {}}]"#,
    #"{"":{"":[null,true,false]},"\u0000":"\u001f"}"#,
  ]

  @Test(arguments: documents)
  func encodingAParsedDocumentIsAFixedPoint(_ text: String) throws {
    let once = CanonicalJSON.encode(try JSONParser.parse(text))
    let twice = CanonicalJSON.encode(try JSONParser.parse(once))
    #expect(once == twice)
    #expect(CanonicalJSON.encodeCompact(try JSONParser.parse(once)) == CanonicalJSON.encodeCompact(try JSONParser.parse(text)))
  }
}
