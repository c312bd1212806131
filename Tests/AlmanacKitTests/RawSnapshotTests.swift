import Testing

@testable import AlmanacKit

@Suite struct RawSnapshotTests {
  static let path = "stats/raw/pypistats/2026-11-20.json"

  static let snapshot = RawSnapshot(
    source: "pypistats", date: day("2026-11-20"),
    exchanges: [
      .init(
        target: "demo-pkg", endpoint: "recent", url: "https://pypistats.org/api/packages/demo-pkg/recent", status: 200,
        contentType: "application/json", body: #"{"data":{"last_day":1},"package":"demo-pkg","type":"recent_downloads"}"#),
      .init(
        target: "demo-pkg", endpoint: "system", url: "https://pypistats.org/api/packages/demo-pkg/system", status: 429,
        contentType: "text/html", body: "<a href=\"/api/#etiquette\">429 RATE LIMIT EXCEEDED</a>\n\t·"),
    ],
    failures: [.init(target: "demo-pkg", endpoint: "overall", message: "timed out after 30 s")])

  @Test func writesCanonicalJSON() {
    #expect(Self.snapshot.encoded() == #"""
      {
        "date": "2026-11-20",
        "exchanges": [
          {
            "body": "{\"data\":{\"last_day\":1},\"package\":\"demo-pkg\",\"type\":\"recent_downloads\"}",
            "content_type": "application/json",
            "endpoint": "recent",
            "status": 200,
            "target": "demo-pkg",
            "url": "https://pypistats.org/api/packages/demo-pkg/recent"
          },
          {
            "body": "<a href=\"/api/#etiquette\">429 RATE LIMIT EXCEEDED</a>\n\t·",
            "content_type": "text/html",
            "endpoint": "system",
            "status": 429,
            "target": "demo-pkg",
            "url": "https://pypistats.org/api/packages/demo-pkg/system"
          }
        ],
        "failures": [
          {
            "endpoint": "overall",
            "message": "timed out after 30 s",
            "target": "demo-pkg"
          }
        ],
        "format_version": 1,
        "kind": "raw",
        "source": "pypistats"
      }

      """#)
  }

  @Test func roundTripsBodiesVerbatim() throws {
    #expect(try RawSnapshot.decode(Self.snapshot.encoded(), path: Self.path) == Self.snapshot)
    let empty = RawSnapshot(source: "pypistats", date: day("2026-11-20"))
    #expect(try RawSnapshot.decode(empty.encoded(), path: Self.path) == empty)
  }

  struct Broken: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var error: FormatError
    var testDescription: String { name }
  }

  static let broken: [Broken] = [
    Broken(
      name: "truncated", text: "{\n  \"date\": \"2026-11-20\",\n",
      error: FormatError(path: path, line: 3, problem: "is not valid JSON (unexpected end of input inside an object (truncated?))")),
    Broken(
      name: "HTML", text: "<html>",
      error: FormatError(path: path, line: 1, problem: "is not valid JSON (found HTML (`<`) where JSON was expected)")),
    Broken(name: "array", text: "[]", error: FormatError(path: path, line: 1, problem: "expected a JSON object at the top level")),
    Broken(
      name: "no version", text: #"{"kind":"raw"}"#,
      error: FormatError(path: path, problem: "has no `format_version`, so it was not written by Almanac or was edited by hand")),
    Broken(
      name: "wrong kind", text: #"{"format_version":1,"kind":"records"}"#,
      error: FormatError(path: path, problem: #"expected `"kind": "raw"`, found "records""#)),
    Broken(
      name: "no kind", text: #"{"format_version":1}"#,
      error: FormatError(path: path, problem: #"expected `"kind": "raw"`, found none"#)),
    Broken(
      name: "newer version", text: #"{"format_version":2,"kind":"raw"}"#,
      error: FormatError(
        path: path, problem: "format version 2 is not supported (this Almanac reads raw version 1)",
        remedy: "The file was written by a newer Almanac; upgrade Almanac.")),
    Broken(
      name: "older version", text: #"{"format_version":0,"kind":"raw"}"#,
      error: FormatError(
        path: path, problem: "format version 0 is not supported (this Almanac reads raw version 1)",
        remedy: "Re-run the stage that writes it.")),
    Broken(
      name: "no source", text: #"{"format_version":1,"kind":"raw","date":"2026-11-20","exchanges":[],"failures":[]}"#,
      error: FormatError(path: path, problem: "`source`: expected a string, found nothing")),
    Broken(
      name: "bad date", text: #"{"format_version":1,"kind":"raw","source":"pypistats","date":"2026-11-31","exchanges":[],"failures":[]}"#,
      error: FormatError(path: path, problem: #"`date`: expected a date YYYY-MM-DD, found "2026-11-31""#)),
    Broken(
      name: "exchanges not a list", text: #"{"format_version":1,"kind":"raw","source":"pypistats","date":"2026-11-20","exchanges":{},"failures":[]}"#,
      error: FormatError(path: path, problem: "`exchanges`: expected an array, found an object")),
    Broken(
      name: "bad status in second exchange",
      text: #"{"format_version":1,"kind":"raw","source":"s","date":"2026-11-20","failures":[],"exchanges":["#
        + #"{"target":"t","endpoint":"e","url":"u","status":200,"content_type":"c","body":""},"#
        + #"{"target":"t","endpoint":"e","url":"u","status":"OK","content_type":"c","body":""}]}"#,
      error: FormatError(path: path, problem: "`exchanges[1].status`: expected an integer, found a string")),
    Broken(
      name: "failure without message",
      text: #"{"format_version":1,"kind":"raw","source":"s","date":"2026-11-20","exchanges":[],"failures":[{"target":"t","endpoint":"e"}]}"#,
      error: FormatError(path: path, problem: "`failures[0].message`: expected a string, found nothing")),
  ]

  @Test(arguments: broken)
  func refusesAFileItDidNotWrite(_ c: Broken) {
    #expect(throws: c.error) { try RawSnapshot.decode(c.text, path: Self.path) }
  }

  @Test func describesAFileWithNoVersion() {
    let error = FormatError(path: Self.path, problem: "has no `format_version`, so it was not written by Almanac or was edited by hand")
    #expect(error.description == """
      stats/raw/pypistats/2026-11-20.json: has no `format_version`, so it was not written by Almanac or was edited by \
      hand. The file was edited by hand or truncated; restore it with `git checkout -- stats/raw/pypistats/2026-11-20.json` \
      or delete it and re-run the stage that writes it.
      """)
  }
}
