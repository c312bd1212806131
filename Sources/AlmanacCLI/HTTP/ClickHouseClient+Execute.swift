import AlmanacKit
import Foundation

extension ClickHouseClient {
  /// Runs a statement that answers no rows (DDL, `ALTER`, or an `INSERT … FORMAT JSONEachRow`
  /// whose rows follow the statement line in the same body), with the same URL, credential,
  /// retry and error rules as `query`. Returns the body (normally empty).
  @discardableResult
  public func execute(_ statement: String, rows: Data? = nil, purpose: String) async throws(ClickHouseError) -> String {
    var body = Data(statement.utf8)
    if let rows {
      body.append(0x0A)
      body.append(rows)
    }
    let response = try await send(body: body, url: url(for: statement), purpose: purpose)
    // Any error report counts; a 200 without one is success whatever else the body says.
    let text = response.text
    let header = response.headers["x-clickhouse-exception-code"].flatMap { Int($0.filter { !$0.isWhitespace }) }
    if let found = ClickHouseAnswer.exception(in: text) {
      throw ClickHouseError(purpose: purpose, status: response.status, code: found.code, message: http.redactor.redact(found.message))
    }
    if response.status != 200 || (header ?? 0) != 0 {
      let first = text.split(whereSeparator: \.isNewline).first.map { "`\($0.prefix(200))`" } ?? "empty body"
      throw ClickHouseError(purpose: purpose, status: response.status, code: header, message: http.redactor.redact(first))
    }
    return response.text
  }

  /// POSTs `body` to `url` with the credential bound to the endpoint; a transport failure or a
  /// final error status becomes one `ClickHouseError` naming `purpose`.
  func send(body: Data, url: String, purpose: String) async throws(ClickHouseError) -> HTTPResponse {
    var request = HTTPRequest(method: "POST", url: url, body: body, purpose: purpose, isFinal: { response in Self.isFinal(response) })
    request.headers.set("Content-Type", "text/plain; charset=utf-8")
    request.headers.set("Accept", "application/x-ndjson, application/json, text/plain")
    request.credential = credential
    do {
      return try await http.send(request)
    } catch {
      let found = ClickHouseAnswer.exception(in: error.detail)
      throw ClickHouseError(
        purpose: purpose, status: error.status, code: found?.code,
        message: found?.message ?? "\(error.detail) (\(http.redactor.redact(error.url)))")
    }
  }
}
