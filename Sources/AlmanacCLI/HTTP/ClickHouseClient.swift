import AlmanacKit
import Foundation

/// ClickHouse's HTTP interface over `HTTPClient` (retries, deadline, redaction, record and
/// replay): the SQL is POSTed with `FORMAT JSONEachRow` appended, settings go in the URL
/// (always `read_overflow_mode=throw`: the public user otherwise answers a partial aggregate
/// with HTTP 200), and the credentials go in `X-ClickHouse-User` / `X-ClickHouse-Key`, never
/// in the URL, bound to the endpoint's origin (`HTTPCredential`). Works against ClickHouse 18.16 and current releases alike.
public struct ClickHouseClient: Sendable {
  public var http: HTTPClient
  /// The server's HTTP address, e.g. `https://sql-clickhouse.clickhouse.com`.
  public var endpoint: String
  public var user: String?
  public var password: String?
  /// URL settings sent with every query.
  public var settings: [(name: String, value: String)] = [("read_overflow_mode", "throw")]

  public init(http: HTTPClient, endpoint: String, user: String?, password: String?) {
    self.http = http
    self.endpoint = endpoint
    self.user = user
    self.password = password
    if let password { self.http.redactor.add(password) }
  }

  public struct Answer: Sendable {
    public var rows: [JSONValue]
    public var response: HTTPResponse
    /// The URL asked (no credentials in it).
    public var url: String
  }

  /// `X-ClickHouse-User` / `X-ClickHouse-Key`, bound to the endpoint's origin; nil without either.
  var credential: HTTPCredential? {
    var headers: [(String, String)] = []
    if let user, !user.isEmpty { headers.append(("X-ClickHouse-User", user)) }
    if let password, !password.isEmpty { headers.append(("X-ClickHouse-Key", password)) }
    return headers.isEmpty ? nil : HTTPCredential(for: endpoint, headers: headers, name: "the ClickHouse user and password")
  }

  /// Runs one query. Any error report in the answer — a 4xx/5xx, an `X-ClickHouse-Exception-Code`,
  /// `Code: N … DB::Exception` text or an `exception` key, even after a 200 and some rows —
  /// becomes one `ClickHouseError` line naming `purpose`.
  public func query(_ sql: String, purpose: String) async throws(ClickHouseError) -> Answer {
    let url = self.url(for: sql)
    let response = try await send(body: Data((sql + "\nFORMAT JSONEachRow").utf8), url: url, purpose: purpose)
    do {
      let rows = try ClickHouseAnswer.rows(
        response.text, status: response.status, exceptionCode: response.headers["x-clickhouse-exception-code"], purpose: purpose)
      return Answer(rows: rows, response: response, url: http.redactor.redact(url))
    } catch {
      var e = error
      e.message = http.redactor.redact(e.message)
      throw e
    }
  }

  /// `endpoint/?settings&query=/* almanac <hash of the SQL> */`. ClickHouse puts the `query`
  /// parameter before the POST body, so the SQL starts with a harmless comment holding its own
  /// fingerprint: each query has its own URL, so recordings (keyed by URL) keep them apart, and
  /// the server's query log shows which Almanac query ran. (Not `query_id`: two runs asking the
  /// same thing at once would collide, code 216. Not `log_comment`: 18.16 rejects it.)
  public func url(for sql: String) -> String {
    let base = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
    var items = settings.map { "\($0.name)=\($0.value)" }
    items.append("query=%2F*%20almanac%20\(Self.fingerprint(sql))%20*%2F")
    return base + "/?" + items.joined(separator: "&")
  }

  /// FNV-1a, 64 bits, as 16 hex digits: stable across runs and platforms.
  static func fingerprint(_ text: String) -> String { FNV1a.hex(text) }

  /// Codes worth another try: too many simultaneous queries, socket timeouts, network errors.
  static let transientCodes: Set<Int> = [202, 209, 210, 236, 242]

  /// A 5xx whose body is a ClickHouse error that asking again would repeat (a read limit, a
  /// quota, a syntax error) is final.
  static func isFinal(_ response: HTTPResponse) -> Bool {
    if let header = response.headers["x-clickhouse-exception-code"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
      return !transientCodes.contains(header)
    }
    guard let found = ClickHouseAnswer.exception(in: response.text) else { return false }
    return found.code.map { !transientCodes.contains($0) } ?? true
  }
}

extension ClickHouseClient {
  /// Runs a query and files the answer (or the failure) in `snapshot` under its target and
  /// endpoint, body redacted; the rows, or nil when the query failed. Rows that are not the
  /// query's shape are a failure too: a 200 with a wrong body is never kept as an answer.
  ///
  /// A table the server does not have (code 60 or 81) is one failure naming the table and what
  /// is lost; `missingTables` remembers it, and later queries of the same table (the next
  /// months) are not sent, so a night says it once.
  func record(_ q: some ClickHouseQuery, into snapshot: inout RawSnapshot, missingTables: inout Set<String>) async -> [JSONValue]? {
    if missingTables.contains(q.table) { return nil }
    do throws(ClickHouseError) {
      let answer = try await query(q.sql, purpose: q.purpose)
      do { try q.shape.check(answer.rows, status: answer.response.status, purpose: q.purpose) } catch {
        var e = error
        e.message = http.redactor.redact(e.message) + "; the earlier answer, if any, is kept"
        throw e
      }
      snapshot.exchanges.append(RawSnapshot.Exchange(
        target: q.target, endpoint: q.endpointName, url: answer.url, status: answer.response.status,
        contentType: answer.response.headers["content-type"] ?? "", body: http.redactor.redact(answer.response.text)))
      return answer.rows
    } catch {
      var message = error.description
      if let code = error.code, clickHouseMissingTableCodes.contains(code) {
        missingTables.insert(q.table)
        message = "table \(q.table) does not exist on \(http.redactor.redact(endpoint)) (ClickHouse code \(code): \(error.message)); \(q.loses) are not recorded tonight, and its other queries were not sent. Check the endpoint and `database` of the source in almanac.yml"
      }
      snapshot.failures.append(RawSnapshot.Failure(target: q.target, endpoint: q.endpointName, message: message))
      return nil
    }
  }
}
