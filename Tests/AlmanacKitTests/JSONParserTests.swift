import Testing

@testable import AlmanacKit

@Suite struct JSONParserTests {
  @Test func readsEveryKindOfValue() throws {
    let value = try JSONParser.parse(#"{"n":null,"t":true,"f":false,"i":-42,"d":-2.5,"e":1E3,"s":"x","a":[1,[]],"o":{"k":{}}}"#)
    #expect(value == .object([
      "n": .null, "t": .bool(true), "f": .bool(false), "i": .int(-42), "d": .double(-2.5), "e": .double(1000),
      "s": .string("x"), "a": .array([.int(1), .array([])]), "o": .object(["k": .object([:])]),
    ]))
  }

  @Test func allowsWhitespaceAroundTokens() throws {
    #expect(try JSONParser.parse(" \t\r\n[ 1 ,\n 2 ] \n") == [1, 2])
  }

  @Test func keepsBigIntegersExact() throws {
    #expect(try JSONParser.parse(#"{"c":27234697969}"#)["c"] == .int(27_234_697_969))
    #expect(try JSONParser.parse("9223372036854775807") == .int(.max))
    #expect(try JSONParser.parse("-9223372036854775808") == .int(.min))
    // Beyond Int64 the value is still a number, just not an exact one.
    #expect(try JSONParser.parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
  }

  @Test func takesClickHouseQuotedIntegersAsIntegers() throws {
    let value = try JSONParser.parse(#"{"c":"27234697969"}"#)
    #expect(value["c"] == .string("27234697969"))
    #expect(value["c"]?.int64Value == 27_234_697_969)
  }

  @Test func keepsAPythonVersionCategoryAString() throws {
    let row = try JSONParser.parse(#"{"category":"3.10","date":"2026-11-19","downloads":7}"#)
    #expect(row["category"] == .string("3.10"))
    #expect(row["category"]?.int64Value == nil)
    #expect(try JSONParser.parse("3.10") == .double(3.1))
  }

  @Test func decodesEveryEscape() throws {
    #expect(try JSONParser.parse(#""\"\\\/\b\f\n\r\t\u00e9\u20AC\u0000""#) == .string("\"\\/\u{08}\u{0C}\n\r\té€\u{0}"))
  }

  @Test func joinsSurrogatePairs() throws {
    #expect(try JSONParser.parse(#""\ud83d\ude00 \uD834\uDD1E""#) == .string("😀 𝄞"))
  }

  @Test func passesUTF8Through() throws {
    #expect(try JSONParser.parse("\"·€😀\"") == .string("·€😀"))
  }

  struct Bad: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var line: Int
    var message: String
    var testDescription: String { name }
  }

  static let bad: [Bad] = [
    Bad(name: "empty", text: "", line: 1, message: "unexpected end of input (truncated?)"),
    Bad(name: "only whitespace", text: "\n\n", line: 3, message: "unexpected end of input (truncated?)"),
    Bad(name: "truncated array", text: "{\n  \"data\": [\n    {\"a\": 1},\n", line: 4, message: "unexpected end of input (truncated?)"),
    Bad(name: "truncated object", text: "{\n  \"a\": 1", line: 2, message: "unexpected end of input inside an object (truncated?)"),
    Bad(name: "truncated after key", text: "{\"a\"", line: 1, message: "unexpected end of input (truncated?)"),
    Bad(name: "truncated string", text: "[\n\"abc", line: 2, message: "unterminated string (truncated?)"),
    Bad(name: "truncated escape", text: "\"ab\\", line: 1, message: "unterminated string (truncated?)"),
    Bad(name: "truncated unicode escape", text: "\"\\u12", line: 1, message: "truncated \\u escape"),
    Bad(name: "trailing garbage", text: "{\"a\": 1}\n}", line: 2, message: "unexpected text after the JSON value"),
    Bad(name: "two values", text: "[1] [2]", line: 1, message: "unexpected text after the JSON value"),
    Bad(name: "error page status", text: "503 TEMPORARILY DISABLED", line: 1, message: "unexpected text after the JSON value"),
    Bad(
      name: "HTML 429 body", text: #"<a href="/api/#etiquette">429 RATE LIMIT EXCEEDED</a>"#, line: 1,
      message: "found HTML (`<`) where JSON was expected"),
    Bad(name: "HTML page", text: "\n<!DOCTYPE html>", line: 2, message: "found HTML (`<`) where JSON was expected"),
    Bad(name: "leading zero", text: "[01]", line: 1, message: "invalid number (leading zero)"),
    Bad(name: "negative leading zero", text: "-01", line: 1, message: "invalid number (leading zero)"),
    Bad(name: "double zero", text: "00", line: 1, message: "invalid number (leading zero)"),
    Bad(name: "bare minus", text: "-", line: 1, message: "invalid number"),
    Bad(name: "no fraction digits", text: "1.", line: 1, message: "invalid number (no digits after `.`)"),
    Bad(name: "no exponent digits", text: "1e+", line: 1, message: "invalid number (no exponent digits)"),
    Bad(name: "leading dot", text: ".5", line: 1, message: "unexpected character `.`"),
    Bad(name: "plus sign", text: "+1", line: 1, message: "unexpected character `+`"),
    Bad(name: "huge exponent", text: "1e400", line: 1, message: "number out of range: 1e400"),
    Bad(name: "bad literal", text: "[tru]", line: 1, message: "invalid literal, expected `true`"),
    Bad(name: "Python None", text: "None", line: 1, message: "unexpected character `N`"),
    Bad(name: "NaN", text: "NaN", line: 1, message: "unexpected character `N`"),
    Bad(name: "single quotes", text: "{'a': 1}", line: 1, message: "expected a key string in an object"),
    Bad(name: "trailing comma in object", text: "{\"a\": 1,\n}", line: 2, message: "expected a key string in an object"),
    Bad(name: "trailing comma in array", text: "[1,]", line: 1, message: "unexpected character `]`"),
    Bad(name: "missing colon", text: "{\"a\" 1}", line: 1, message: "expected `:` after key \"a\""),
    Bad(name: "missing comma in object", text: "{\"a\": 1 \"b\": 2}", line: 1, message: "expected `,` or `}` in an object"),
    Bad(name: "missing comma in array", text: "[1 2]", line: 1, message: "expected `,` or `]` in an array"),
    Bad(name: "repeated key", text: "{\"a\": 1,\n \"a\": 2}", line: 2, message: "the key \"a\" appears twice in an object"),
    Bad(name: "raw newline in string", text: "\"a\nb\"", line: 1, message: "unterminated string (newline inside quotes)"),
    Bad(name: "raw tab in string", text: "\"a\tb\"", line: 1, message: "control character inside a string"),
    Bad(name: "bad escape", text: #""\x41""#, line: 1, message: "invalid escape `\\x` in a string"),
    Bad(name: "bad hex", text: #""\u00g1""#, line: 1, message: "invalid hex digit in \\u escape"),
    Bad(name: "lone high surrogate", text: #""\ud83d""#, line: 1, message: "unpaired UTF-16 surrogate in a string escape"),
    Bad(name: "high surrogate and letter", text: #""\ud83d\u0041""#, line: 1, message: "unpaired UTF-16 surrogate in a string escape"),
    Bad(name: "lone low surrogate", text: #""\ude00""#, line: 1, message: "unpaired UTF-16 surrogate in a string escape"),
    Bad(name: "non-ASCII outside a string", text: "[é]", line: 1, message: "unexpected character `é`"),
    Bad(name: "CRLF lines count once", text: "[\r\n1,\r\n]", line: 3, message: "unexpected character `]`"),
  ]

  @Test(arguments: bad)
  func reportsWhatIsWrongAndOnWhichLine(_ c: Bad) {
    #expect(throws: JSONParser.Failure(line: c.line, message: c.message)) { try JSONParser.parse(c.text) }
  }

  @Test func describesAFailureWithItsLine() {
    #expect(JSONParser.Failure(line: 3, message: "unexpected end of input (truncated?)").description
      == "line 3: unexpected end of input (truncated?)")
  }

  @Test func rejectsInvalidUTF8InsideAString() {
    let bytes: [UInt8] = [0x22, 0x61, 0xFF, 0x22]
    #expect(throws: JSONParser.Failure(line: 1, message: "string is not valid UTF-8")) { try JSONParser.parse(bytes) }
  }

  @Test func ignoresAByteOrderMark() throws {
    #expect(try JSONParser.parse("\u{FEFF}{\"a\": 1}") == ["a": 1])
  }

  @Test func acceptsNestingUpToTheLimit() throws {
    let text = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
    var value = try JSONParser.parse(text)
    var depth = 0
    while case .array(let inner) = value {
      depth += 1
      value = inner.first ?? .null
    }
    #expect(depth == 256)
  }

  @Test func refusesNestingBeyondTheLimitWithoutExhaustingTheStack() {
    let text = String(repeating: "[{\"a\":", count: 50_000)
    #expect(throws: JSONParser.Failure(line: 1, message: "nesting deeper than 256 levels")) { try JSONParser.parse(text) }
  }
}
