import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// The ClickHouse client against `FakeAPIServer`: the HTTP shapes of ClickHouse's failures.
@Suite struct ClickHouseClientFaultTests {
  func clickhouse(_ server: FakeAPIServer, attempts: Int = 3, timeout: Int = 30, sleeps: Sleeps = Sleeps(), password: String? = nil) -> ClickHouseClient {
    ClickHouseClient(http: client(attempts: attempts, timeout: timeout, sleeps: sleeps), endpoint: server.baseURL + "/", user: "demo", password: password)
  }

  @Test func postsTheSQLWithSettingsInTheURLAndCredentialsInHeaders() async throws {
    let server = try FakeAPIServer()
    server.route("POST", "/", .text("{\"date\":\"2026-11-20\",\"downloads\":\"8\"}\n"))
    let answer = try await clickhouse(server, password: "pw-secret-1").query("SELECT 1", purpose: "test")
    #expect(answer.rows.count == 1)
    let request = try #require(server.requests.first)
    #expect(request.method == "POST")
    #expect(request.bodyText == "SELECT 1\nFORMAT JSONEachRow")
    #expect(request.query("read_overflow_mode") == "throw")
    #expect(request.query("query")?.hasPrefix("/* almanac ") == true)
    #expect(request.header("X-ClickHouse-User") == "demo")
    #expect(request.header("X-ClickHouse-Key") == "pw-secret-1")
    #expect(!answer.url.contains("pw-secret-1") && !request.target.contains("pw-secret-1"))
  }

  @Test func differentQueriesHaveDifferentURLsSoRecordingsKeepThemApart() throws {
    let c = ClickHouseClient(http: client(), endpoint: "http://h", user: nil, password: nil)
    #expect(c.url(for: "SELECT 1") != c.url(for: "SELECT 2"))
    #expect(c.url(for: "SELECT 1") == c.url(for: "SELECT 1"))
    #expect(c.url(for: "SELECT 1").hasPrefix("http://h/?read_overflow_mode=throw&query=%2F*%20almanac%20"))
  }

  @Test func anExceptionAfterA200AndSomeRowsIsOneClearError() async throws {
    let server = try FakeAPIServer()
    server.route("POST", "/", .text("{\"date\":\"2026-11-20\",\"downloads\":\"8\"}\nCode: 394. DB::Exception: Query was cancelled. (QUERY_WAS_CANCELLED) (version 24.6.1.4501 (official build))\n"))
    await #expect(throws: ClickHouseError(purpose: "pypi per_day for x", status: 200, code: 394, message: "Query was cancelled. (QUERY_WAS_CANCELLED)")) {
      try await clickhouse(server).query("SELECT 1", purpose: "pypi per_day for x")
    }
  }

  @Test func aStreamCutAfterTheExceptionTextFailsWithThePurposeNotAJSONError() async throws {
    let server = try FakeAPIServer()
    let body = "{\"date\":\"2026-11-20\",\"downloads\":\"8\"}\nCode: 394. DB::Exception: Query was cancelled. (QUERY_WAS_CANCELLED)\n" + String(repeating: " ", count: 200)
    server.route("POST", "/", FakeResponse.text(body).with(.truncateBody(afterBytes: 120)))
    do {
      _ = try await clickhouse(server, attempts: 2).query("SELECT 1", purpose: "pypi detail for x")
      Issue.record("a cut stream was accepted")
    } catch {
      #expect(error.description.hasPrefix("ClickHouse query for pypi detail for x failed"))
      #expect(!error.description.contains("JSON"))
    }
  }

  @Test func a500WithCodeTextIsNotRetriedAndSaysWhy() async throws {
    let server = try FakeAPIServer()
    server.route("POST", "/", FakeResponse.text(500, "Code: 158. DB::Exception: Limit for rows or bytes to read exceeded, max rows: 1.00 billion, current rows: 9.03 billion. (TOO_MANY_ROWS) (version 26.9.1.36875 (official build))\n").adding(header: "X-ClickHouse-Exception-Code", "158"))
    let sleeps = Sleeps()
    do {
      _ = try await clickhouse(server, sleeps: sleeps).query("SELECT 1", purpose: "pypi per_day for x")
      Issue.record("expected a failure")
    } catch {
      #expect(error.description == "ClickHouse query for pypi per_day for x failed (HTTP 500, code 158): Limit for rows or bytes to read exceeded, max rows: 1.00 billion, current rows: 9.03 billion. (TOO_MANY_ROWS); the query read more rows than the server allows, so it was refused rather than answered partially")
    }
    #expect(server.requests.count == 1)
    #expect(sleeps.all.isEmpty)
  }

  @Test func aTransient500IsRetried() async throws {
    let server = try FakeAPIServer()
    server.enqueue("/", [
      .text(500, "Code: 202. DB::Exception: Too many simultaneous queries. Maximum: 100. (TOO_MANY_SIMULTANEOUS_QUERIES)"),
      .text("{\"x\":\"1\"}\n"),
    ])
    let answer = try await clickhouse(server).query("SELECT 1", purpose: "t")
    #expect(answer.rows.count == 1)
    #expect(server.requests.count == 2)
  }

  @Test func aJSONExceptionBodyIsRead() async throws {
    let server = try FakeAPIServer()
    server.route("POST", "/", .json(500, "{\"exception\": \"Code: 201. DB::Exception: Quota for user `play_v2` for 60s has been exceeded: queries = 2/1. (QUOTA_EXCEEDED)\"}"))
    await #expect(throws: ClickHouseError(purpose: "t", status: 500, code: 201, message: "Quota for user `play_v2` for 60s has been exceeded: queries = 2/1. (QUOTA_EXCEEDED)")) {
      try await clickhouse(server).query("SELECT 1", purpose: "t")
    }
  }

  @Test func aTimeoutIsOneLineNamingThePurpose() async throws {
    let server = try FakeAPIServer()
    server.route("POST", "/", FakeResponse.text("{}").delayed(3))
    do {
      _ = try await clickhouse(server, attempts: 1, timeout: 1).query("SELECT 1", purpose: "pypi total for x")
      Issue.record("expected a timeout")
    } catch {
      #expect(error.description.hasPrefix("ClickHouse query for pypi total for x failed: no answer within 1 s (http.timeout)"))
      #expect(!error.description.contains("\n"))
    }
  }

  @Test func aPlain404IsReportedWithItsBody() async throws {
    let server = try FakeAPIServer()
    await #expect(throws: ClickHouseError(purpose: "t", status: 404, code: nil, message: "`{\"message\":\"Not Found\"}`")) {
      try await clickhouse(server).query("SELECT 1", purpose: "t")
    }
  }

  @Test func thePasswordNeverAppearsInAnError() async throws {
    let server = try FakeAPIServer()
    server.route("POST", "/", .text(403, "Code: 516. DB::Exception: demo: Authentication failed: password is incorrect, or there is no user with such name: key pw-secret-1. (AUTHENTICATION_FAILED)"))
    do {
      _ = try await clickhouse(server, password: "pw-secret-1").query("SELECT 1", purpose: "t")
      Issue.record("expected a failure")
    } catch {
      #expect(!error.description.contains("pw-secret-1"))
      #expect(error.description.contains("check the ClickHouse user and the password variable"))
    }
  }
}

@Suite struct AuthenticationChallenges {
  @Test func a401WithABasicChallengeIsAnAnswerNotAHang() async throws {
    let server = try FakeAPIServer()
    server.route("POST", "/", FakeResponse.text(401, "Code: 193, e.displayText() = DB::Exception: Wrong password for user demo, e.what() = DB::Exception\n")
      .adding(header: "WWW-Authenticate", "Basic realm=\"ClickHouse server HTTP API\""))
    // A hang would end in the 10 s timeout, with no status.
    let c = ClickHouseClient(http: client(attempts: 1, timeout: 10), endpoint: server.baseURL, user: "demo", password: "wrong-pass")
    // Linux URLSession drops a 401's body; the status and the advice remain.
    do {
      _ = try await c.query("SELECT 1", purpose: "t")
      Issue.record("expected a failure")
    } catch {
      #expect(error.status == 401)
      #expect(error.description.contains("the server refused the credentials: check the ClickHouse user and the password variable"))
    }
  }
}
