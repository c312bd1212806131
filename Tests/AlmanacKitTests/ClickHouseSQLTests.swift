import Testing

@testable import AlmanacKit

@Suite struct ClickHouseSQLTests {
  @Test(arguments: [
    ("tidewater", "'tidewater'"),
    ("", "''"),
    ("it's", #"'it\'s'"#),
    (#"back\slash"#, #"'back\\slash'"#),
    (#"\'"#, #"'\\\''"#),
    ("two\nlines", #"'two\nlines'"#),
    ("tab\there\r", #"'tab\there\r'"#),
    ("nul\u{0}", #"'nul\0'"#),
    ("bell\u{7}del\u{7F}", #"'bell\x07del\x7F'"#),
    ("café ☕", "'café ☕'"),
    ("' OR 1=1 --", #"'\' OR 1=1 --'"#),
  ])
  func literalEscapesEverythingThatCouldEndOrBreakIt(_ raw: String, _ expected: String) {
    #expect(ClickHouseSQL.literal(raw) == expected)
  }

  @Test func literalNeverContainsAnUnescapedQuoteOrALineBreak() {
    var generator = SeededGenerator(seed: 7)
    let alphabet: [Character] = ["a", "'", "\\", "\n", "\r", "\t", "\0", "\u{1}", "\"", "`", "é", "-", ";"]
    for _ in 0..<500 {
      let raw = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
      let inner = Array(ClickHouseSQL.literal(raw).dropFirst().dropLast())
      #expect(!inner.contains("\n") && !inner.contains("\r"))
      var i = 0
      while i < inner.count {
        if inner[i] == "\\" { i += 2; continue }
        #expect(inner[i] != "'", "an unescaped quote in \(ClickHouseSQL.literal(raw))")
        i += 1
      }
    }
  }

  @Test func dayLiteralsAreQuotedDates() {
    #expect(ClickHouseSQL.literal(Day("2026-11-20")!) == "'2026-11-20'")
    #expect(ClickHouseSQL.startOf(Day("2026-11-20")!) == "toDateTime('2026-11-20 00:00:00')")
  }

  @Test(arguments: ["tidewater-dev/tidewater", "o/r", "Some-Org/repo.name_2", "a/.github"])
  func repoNamesThatAreValid(_ raw: String) throws {
    let repo = try #require(RepoName(raw))
    #expect(repo.description == raw)
  }

  @Test(arguments: ["", "o", "o/", "/r", "o/r/x", "o r/x", "o/r'", "o/..", "o/.", "o_x/r", "ö/r", "o/r\n", "o/r;DROP"])
  func repoNamesThatAreRejected(_ raw: String) {
    #expect(RepoName(raw) == nil)
  }
}

@Suite struct ClickHouseAnswerTests {
  @Test func rowsAcceptQuotedAndBareSixtyFourBitIntegers() throws {
    let rows = try ClickHouseAnswer.rows(
      "{\"date\":\"2026-11-20\",\"downloads\":\"27234697969\"}\n{\"date\":\"2026-11-21\",\"downloads\":17015345004}\n", status: 200,
      purpose: "test")
    #expect(rows.map { $0.count("downloads") } == [27_234_697_969, 17_015_345_004])
    #expect(rows[0]["date"]?.stringValue == "2026-11-20")
  }

  @Test func anEmptyAnswerHasNoRows() throws {
    #expect(try ClickHouseAnswer.rows("", status: 200, purpose: "t").isEmpty)
  }

  @Test func aNegativeOrNonNumericCountIsNotACount() {
    #expect(JSONValue.object(["n": "-3"]).count("n") == nil)
    #expect(JSONValue.object(["n": "x"]).count("n") == nil)
    #expect(JSONValue.object(["n": .int(3)]).count("n") == 3)
  }

  @Test func anExceptionAfterRowsIsAFailureNotRows() {
    let body = "{\"date\":\"2026-11-20\",\"downloads\":\"5\"}\nCode: 158. DB::Exception: Limit for rows or bytes to read exceeded, max rows: 1.00 billion, current rows: 9.03 billion. (TOO_MANY_ROWS) (version 24.6.1.4501 (official build))\n"
    #expect(throws: ClickHouseError(purpose: "pypi per_day for x", status: 200, code: 158, message: "Limit for rows or bytes to read exceeded, max rows: 1.00 billion, current rows: 9.03 billion. (TOO_MANY_ROWS)")) {
      try ClickHouseAnswer.rows(body, status: 200, purpose: "pypi per_day for x")
    }
  }

  @Test func anExceptionKeyAnywhereIsAFailure() {
    let body = "{\"d\":\"1\"}\n{\"exception\": \"Code: 201. DB::Exception: Quota for user `play` for 3600s has been exceeded. (QUOTA_EXCEEDED) (version 26.6.1.114)\"}\n"
    do {
      _ = try ClickHouseAnswer.rows(body, status: 200, purpose: "p")
      Issue.record("expected a failure")
    } catch {
      #expect(error.code == 201)
      #expect(error.description == "ClickHouse query for p failed (HTTP 200, code 201): Quota for user `play` for 3600s has been exceeded. (QUOTA_EXCEEDED); the endpoint's quota is used up, try again later")
    }
  }

  @Test func theOldServersErrorShapeIsRead() {
    let found = ClickHouseAnswer.exception(in: "Code: 60, e.displayText() = DB::Exception: Table pypi.nope doesn't exist., e.what() = DB::Exception\n")
    #expect(found?.code == 60)
    #expect(found?.message == "Table pypi.nope doesn't exist.")
  }

  @Test func theExceptionCodeHeaderAloneIsAFailure() {
    #expect(throws: ClickHouseError.self) {
      try ClickHouseAnswer.rows("{\"a\":1}\n", status: 200, exceptionCode: "159", purpose: "p")
    }
    #expect(throws: Never.self) { try ClickHouseAnswer.rows("{\"a\":1}\n", status: 200, exceptionCode: "0", purpose: "p") }
  }

  @Test func aStatusWithoutErrorTextNamesTheStatusAndTheBody() {
    #expect(throws: ClickHouseError(purpose: "p", status: 404, code: nil, message: "`<html>Not Found</html>`")) {
      try ClickHouseAnswer.rows("<html>Not Found</html>", status: 404, purpose: "p")
    }
  }

  @Test func aCutLineIsReportedAsACutAnswerNotAsJSONGibberish() {
    do {
      _ = try ClickHouseAnswer.rows("{\"a\":\"1\"}\n{\"a\":\"2", status: 200, purpose: "p")
      Issue.record("expected a failure")
    } catch {
      #expect(error.message.contains("line 2 is not a JSONEachRow object"))
      #expect(error.message.contains("cut"))
    }
  }
}

@Suite struct ClickHouseConfigTests {
  @Test func theClickHouseSourcesParseTheirSections() throws {
    let config = try ConfigParser.parse("""
      targets: {packages: [tidewater], repos: [o/r]}
      sources:
        pypi:
          endpoint: http://127.0.0.1:8123
          user: reader
          password_env: ALMANAC_CLICKHOUSE_PASSWORD
          database: pypi_copy
          reference_project: numpy
          trailing_days: 5
          max_lag_days: 4
          min_reference_downloads: 5000
          tolerance: 0.1
        github-events:
          repos: [o/other]
          personal_data: true
      """, path: "almanac.yml")
    let pypi = try #require(config.pypi)
    #expect(pypi.clickhouse.endpoint == "http://127.0.0.1:8123")
    #expect(pypi.clickhouse.user == "reader")
    #expect(pypi.clickhouse.passwordEnv == "ALMANAC_CLICKHOUSE_PASSWORD")
    #expect(pypi.clickhouse.database == "pypi_copy")
    #expect(pypi.referenceProject?.normalized == "numpy")
    #expect(pypi.trailingDays == 5 && pypi.freshness == PyPIFreshness(maxLagDays: 4, minDownloads: 5000) && pypi.tolerance == 0.1)
    #expect(config.pypiPackages.map(\.normalized) == ["tidewater"])
    #expect(config.githubEventsRepos.map(\.description) == ["o/other"])
    #expect(config.githubEvents?.personalData == true)
    #expect(config.githubEvents?.clickhouse.endpoint == PyPIClickHouse.defaultEndpoint)
    #expect(config.githubEvents?.clickhouse.database == "github")
  }

  @Test func aPasswordInPlaceOfItsVariableIsRefusedWithoutEchoingIt() {
    do {
      _ = try ConfigParser.parse("targets: {packages: [t]}\nsources:\n  pypi:\n    password_env: hunter2!secret\n", path: "almanac.yml")
      Issue.record("expected an error")
    } catch {
      #expect(error.description.contains("sources.pypi.password_env"))
      #expect(error.description.contains("not a password"))
      #expect(!error.description.contains("hunter2!secret"))
    }
  }

  @Test func disabledClickHouseSourcesFetchNothing() throws {
    let config = try ConfigParser.parse("targets: {packages: [t], repos: [o/r]}\nsources:\n  pypi: {enabled: false}\n  github-events: {enabled: false}\n", path: "a.yml")
    #expect(config.pypiPackages.isEmpty && config.githubEventsRepos.isEmpty)
  }
}
