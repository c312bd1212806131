import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

@Suite struct RecordAndReplay {
  @Test func slugsAreReadableAndBounded() {
    #expect(Recording.slug(method: "GET", url: "https://pypistats.org/api/packages/tidewater/recent?&period=day")
      == "GET_pypistats.org_api_packages_tidewater_recent__period_day")
    let long = Recording.slug(method: "GET", url: "https://example.org/" + String(repeating: "a", count: 300))
    #expect(long.count == 180)
    #expect(long.dropFirst(163).first == "-")
  }

  @Test func gzipRoundTripsThroughZlib() throws {
    let text = Data(String(repeating: "tidewater,3.10,1234\n", count: 500).utf8)
    let packed = try Gzip.compress(text)
    #expect(Gzip.isGzip(packed))
    #expect(packed.count < text.count / 10)
    #expect(try Gzip.decompress(packed) == text)
    #expect(throws: Gzip.Failure.self) { try Gzip.decompress(packed.prefix(packed.count / 2)) }
  }

  @Test func aRecordedAnswerReplaysAndAMissingOneSaysWhatToDo() async throws {
    let dir = TempDirectory()
    let recorder = Recorder(directory: dir.path)
    let response = HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "application/json")]), body: Data("{\"a\":1}".utf8), url: "https://x.test/a")
    try recorder.save(method: "GET", url: "https://x.test/a", response: response, redactor: Redactor())
    let replay = HTTPTransport.replay(from: dir.path)
    let answer = try await replay.send(HTTPRequest(url: "https://x.test/a", purpose: "t"), 1)
    #expect(answer.status == 200)
    #expect(answer.text == "{\"a\":1}")
    #expect(answer.headers["content-type"] == "application/json")
    let client = HTTPClient(transport: replay, policy: RetryPolicy(attempts: 1))
    await #expect {
      _ = try await client.send(HTTPRequest(url: "https://x.test/b", purpose: "pypistats recent for x"))
    } throws: { error in
      "\(error)" == "pypistats recent for x: notRecorded from https://x.test/b: no recorded answer for GET https://x.test/b in \(dir.path) (looked for GET_x.test_b.json[.gz]); record it with --record \(dir.path)"
    }
  }

  @Test func twoQueriesToOneURLAreTwoRecordings() async throws {
    let dir = TempDirectory()
    let recorder = Recorder(directory: dir.path)
    let url = "https://sql.example.test/?database=pypi"
    for (query, answer) in [("SELECT 1", "1\n"), ("SELECT 2", "2\n")] {
      let response = HTTPResponse(status: 200, headers: HTTPHeaders(), body: Data(answer.utf8), url: url)
      try recorder.save(method: "POST", url: url, body: Data(query.utf8), response: response, redactor: Redactor())
    }
    #expect(Recording.slug(method: "POST", url: url, body: Data("SELECT 1".utf8)) == "POST_sql.example.test__database_pypi-q" + Recording.fnv1a(Data("SELECT 1".utf8)))
    #expect(Recording.slug(method: "GET", url: url, body: Data()) == Recording.slug(method: "GET", url: url))
    let replay = HTTPTransport.replay(from: dir.path)
    for (query, answer) in [("SELECT 2", "2\n"), ("SELECT 1", "1\n")] {
      let r = try await replay.send(HTTPRequest(method: "POST", url: url, body: Data(query.utf8), purpose: "q"), 1)
      #expect(r.text == answer)
    }
    // The recording names the query it answers.
    let file = try #require(dir.read(Recording.slug(method: "POST", url: url, body: Data("SELECT 1".utf8)) + ".json"))
    #expect(file.contains("\"body\": \"SELECT 1\""))
    await #expect(throws: ReplayMiss.self) { _ = try await replay.send(HTTPRequest(method: "POST", url: url, body: Data("SELECT 3".utf8), purpose: "q"), 1) }
  }

  @Test func theBundledDemoRecordingParses() throws {
    let nights = try FileManager.default.contentsOfDirectory(atPath: Paths.demoRecording).filter { Day($0) != nil }
    #expect(nights.count == 4)
    for night in nights {
      for file in try FileManager.default.contentsOfDirectory(atPath: "\(Paths.demoRecording)/\(night)") {
        let path = "\(Paths.demoRecording)/\(night)/\(file)"
        let data = try #require(FileManager.default.contents(atPath: path))
        let response = try Recording.decode(data, path: path)
        // 304: GitHub answered a conditional request from the stored ETag (nothing changed).
        #expect(response.status == 200 || (response.status == 304 && file.hasPrefix("GET_api.github.com_")), "\(file): \(response.status)")
      }
    }
  }
}

@Suite struct Redaction {
  @Test func knownSecretsAndSecretQueryParametersAreMasked() {
    let r = Redactor(secrets: ["ghp_abcdef123456"])
    #expect(r.redact("Bearer ghp_abcdef123456 failed") == "Bearer *** failed")
    #expect(r.redact("https://h.test/x?api_key=s3cr3t&page=2") == "https://h.test/x?api_key=***&page=2")
    #expect(r.redact("https://h.test/x?&period=day") == "https://h.test/x?&period=day")
    #expect(Redactor(secrets: ["ab"]).redact("abc") == "abc")
  }

  @Test func workflowCommandsAreEscapedLikeTheToolkit() {
    #expect(Console.escapeData("50% done\nnext") == "50%25 done%0Anext")
    #expect(Console.escapeProperty("a:b,c") == "a%3Ab%2Cc")
  }
}
