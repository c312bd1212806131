import Testing

@testable import AlmanacKit

/// Random inputs from a seeded generator: the same cases on every run, a few hundred of them.
@Suite struct RoundTripPropertyTests {
  static let alphabet: [Unicode.Scalar] = [
    "a", "Z", "0", " ", ",", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "·", "é", "\u{301}", "\u{2028}",
    "\u{FEFF}", "\u{FF61}", "😀", "#", ":", "<", "&",
  ]

  static func string<G: RandomNumberGenerator>(_ g: inout G, maxLength: Int = 8) -> String {
    var s = String.UnicodeScalarView()
    for _ in 0..<Int.random(in: 0...maxLength, using: &g) { s.append(alphabet.randomElement(using: &g) ?? "a") }
    return String(s)
  }

  static func double<G: RandomNumberGenerator>(_ g: inout G) -> Double {
    switch Int.random(in: 0..<4, using: &g) {
    case 0: return Double(Int.random(in: -1_000_000...1_000_000, using: &g)) / 100
    case 1: return Double.random(in: -1e-6...1e-6, using: &g)
    case 2: return Double(Int64.random(in: .min ... .max, using: &g)) * 1e6
    default:
      // Any finite bit pattern, subnormals and extremes included.
      while true {
        let d = Double(bitPattern: g.next())
        if d.isFinite { return d }
      }
    }
  }

  static func value<G: RandomNumberGenerator>(_ g: inout G, depth: Int) -> JSONValue {
    switch Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &g) {
    case 0: return .null
    case 1: return .bool(Bool.random(using: &g))
    case 2: return .int(Int64.random(in: .min ... .max, using: &g))
    case 3: return .double(double(&g))
    case 4: return .string(string(&g))
    case 5: return .array((0..<Int.random(in: 0...4, using: &g)).map { _ in value(&g, depth: depth + 1) })
    default:
      var members: [String: JSONValue] = [:]
      for _ in 0..<Int.random(in: 0...4, using: &g) { members[string(&g, maxLength: 3)] = value(&g, depth: depth + 1) }
      return .object(members)
    }
  }

  @Test func randomJSONSurvivesEncodeParseEncode() throws {
    var g = SeededGenerator(seed: 20_261_120)
    for _ in 0..<400 {
      let v = Self.value(&g, depth: 0)
      let once = CanonicalJSON.encode(v)
      let parsed = try JSONParser.parse(once)
      let twice = CanonicalJSON.encode(parsed)
      #expect(once == twice)
      if once != twice { break }
      #expect(CanonicalJSON.encodeCompact(try JSONParser.parse(CanonicalJSON.encodeCompact(v))) == CanonicalJSON.encodeCompact(v))
    }
  }

  @Test func randomStringsAndIntegersComeBackEqual() throws {
    var g = SeededGenerator(seed: 7)
    for _ in 0..<300 {
      let v = JSONValue.array([.string(Self.string(&g, maxLength: 20)), .int(Int64.random(in: .min ... .max, using: &g))])
      #expect(try JSONParser.parse(CanonicalJSON.encode(v)) == v)
    }
  }

  @Test func randomDoublesComeBackAsTheSameNumber() throws {
    var g = SeededGenerator(seed: 42)
    for _ in 0..<300 {
      let d = Self.double(&g)
      let parsed = try JSONParser.parse(CanonicalJSON.number(d))
      let back: Double? = switch parsed {
      case .double(let x): x
      case .int(let i): Double(i)
      default: nil
      }
      #expect(back == d, "\(d) spelled \(CanonicalJSON.number(d))")
    }
  }

  @Test func randomRowsSurviveATableRoundTrip() throws {
    var g = SeededGenerator(seed: 1_234)
    for _ in 0..<300 {
      let columns = Int.random(in: 1...5, using: &g)
      let header = (0..<columns).map { "c\($0)" }
      let rows = (0..<Int.random(in: 0...5, using: &g)).map { _ in (0..<columns).map { _ in Self.string(&g) } }
      let table = Table(kind: "prop", version: 1, columns: header, rows: rows)
      let decoded = try Table.decode(table.encoded(), path: "p.csv", expected: Table(kind: "prop", version: 1, columns: header))
      #expect(decoded == table)
      if decoded != table { break }
    }
  }
}
