import Testing

@testable import AlmanacKit

@Suite struct JSONValueTests {
  @Test(arguments: [
    (JSONValue.int(27_234_697_969), 27_234_697_969 as Int64?), (.double(3), 3), (.double(-2), -2), (.double(3.5), nil),
    (.double(1e16), nil), (.string("27234697969"), 27_234_697_969), (.string("-4"), -4), (.string("1.0"), nil),
    (.string(" 1"), nil), (.string(""), nil), (.bool(true), nil), (.null, nil), (.array([1]), nil),
  ])
  func readsCountsGivenAsNumbersOrDigitStrings(_ value: JSONValue, _ count: Int64?) {
    #expect(value.int64Value == count)
  }

  @Test func namesEachKindForMessages() {
    let kinds: [JSONValue] = [.null, true, 1, .double(1.5), "s", [], [:]]
    #expect(kinds.map(\.kindName) == ["null", "a boolean", "a number", "a number", "a string", "an array", "an object"])
  }

  @Test func looksUpMembersOnlyInObjects() {
    let object: JSONValue = ["a": ["b": 1]]
    #expect(object["a"]?["b"] == 1)
    #expect(object["missing"] == nil)
    #expect(JSONValue.array(["a"])["a"] == nil)
    #expect(JSONValue.string("a").arrayValue == nil)
    #expect(object.objectValue?.count == 1)
  }

  @Test func literalsBuildValues() {
    let value: JSONValue = ["k": [1, "two", true, ["n": .null]]]
    #expect(value == .object(["k": .array([.int(1), .string("two"), .bool(true), .object(["n": .null])])]))
  }
}

@Suite struct DiagnosticTests {
  @Test func printsLikeACompiler() {
    #expect(Diagnostic(.warning, "pypistats.org is down", at: "stats/raw/pypistats/2026-11-20.json").description
      == "stats/raw/pypistats/2026-11-20.json: warning: pypistats.org is down")
    #expect(Diagnostic(.error, "no data").description == "error: no data")
    #expect(Diagnostic(.note, "3 days filled").description == "note: 3 days filled")
  }
}
