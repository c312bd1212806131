import Foundation
import Testing

@testable import AlmanacKit

/// What the usage scrubber does to each kind of personal data, case by case, and a seeded
/// property: no output of the scrubber matches any of the patterns it promises to remove.
@Suite struct ScrubberRemovesPersonalData {
  struct Case: CustomTestStringConvertible, Sendable {
    var input: String
    var output: String
    var testDescription: String { input }
  }

  static let cases: [Case] = [
    // Home paths.
    Case(input: "/Users/alice/project/run.py", output: "/Users/<user>/project/run.py"),
    Case(input: "/home/bob/.cache/tidewater", output: "/home/<user>/.cache/tidewater"),
    Case(input: #"C:\Users\Carol\AppData\Local"#, output: #"C:\Users\<user>\AppData\Local"#),
    Case(input: "C:/Users/dave/src", output: "C:/Users/<user>/src"),
    Case(input: #"d:\users\erin\x"#, output: #"d:\users\<user>\x"#),
    Case(input: "File \"/home/frank/lib/python3.12/site-packages/t.py\", line 3", output: "File \"/home/<user>/lib/python3.12/site-packages/t.py\", line 3"),
    Case(input: "/home/grace", output: "/home/<user>"),
    Case(input: "cd /Users/heidi && ls", output: "cd /Users/<user> && ls"),
    Case(input: "/home/<user>/already", output: "/home/<user>/already"),
    Case(input: "/opt/homebrew/bin", output: "/opt/homebrew/bin"),
    Case(input: "file:///home/ivan/notes.txt", output: "file:///home/<user>/notes.txt"),
    // Tokens with known prefixes.
    Case(input: "token ghp_abcdefghijklmnopqrstuvwxyz0123456789", output: "token <token>"),
    Case(input: "github_pat_11ABCDEFG0123456789_abcdefghij", output: "<token>"),
    Case(input: "key=sk-proj-abc123def456", output: "key=<token>"),
    Case(input: "slack xoxb-1234-5678-abcdefgh", output: "slack <token>"),
    Case(input: "AKIAIOSFODNN7EXAMPLE", output: "<token>"),
    Case(input: "pypi-AgEIcHlwaS5vcmcCJGE0", output: "<token>"),
    Case(input: "glpat-xxxxxxxxxxxxxxxxxxxx", output: "<token>"),
    Case(input: "npm_abcdefgh12345678", output: "<token>"),
    Case(input: "sk-learn", output: "sk-learn"),
    Case(input: "task-runner", output: "task-runner"),
    Case(input: "ghp_short", output: "ghp_short"),
    // Tokens by entropy.
    Case(input: "auth failed for a8f5f167f44f4964e6c998dee827110c", output: "auth failed for <token>"),
    Case(input: "Bearer 9fQ2xZ7kLm3Vp8RtYw1NbC4dHs6Jg0Ae", output: "Bearer <token>"),
    Case(input: "python_version_3_12_linux_x86_64", output: "python_version_3_12_linux_x86_64"),
    Case(input: "export_to_parquet_with_compression", output: "export_to_parquet_with_compression"),
    Case(input: "123e4567-e89b-12d3-a456-426614174000", output: "123e4567-e89b-12d3-a456-426614174000"),
    // Emails.
    Case(input: "contact alice.smith+tw@example.co.uk now", output: "contact <email> now"),
    Case(input: "bob@example.com", output: "<email>"),
    Case(input: "<a@b.io>", output: "<<email>>"),
    Case(input: "user@localhost", output: "user@localhost"),
    Case(input: "pip install tidewater@1.2", output: "pip install tidewater@1.2"),
    Case(input: "x@y.com1", output: "<email>"),
    // IPv4.
    Case(input: "connect to 192.168.1.20 failed", output: "connect to <ip> failed"),
    Case(input: "10.0.0.1:8080", output: "<ip>:8080"),
    Case(input: "version 3.12.1", output: "version 3.12.1"),
    Case(input: "999.1.1.1", output: "999.1.1.1"),
    Case(input: "v1.2.3.4.5", output: "v<ip>"),
    // IPv6.
    Case(input: "listen on ::1", output: "listen on <ip>"),
    Case(input: "[2001:db8::8a2e:370:7334]:443", output: "[<ip>]:443"),
    Case(input: "fe80:0:0:0:200:f8ff:fe21:67cf", output: "<ip>"),
    Case(input: "std::vector", output: "std::vector"),
    Case(input: "12:30:45", output: "12:30:45"),
    // URL hosts.
    Case(input: "GET https://api.internal.corp/v1/items", output: "GET https://<host>/v1/items"),
    Case(input: "https://user:secret@example.org:8443/x?q=1", output: "https://<host>/x?q=1"),
    Case(input: "http://[::1]:8000/", output: "http://<host>/"),
    Case(input: "s3://my-bucket/key", output: "s3://<host>/key"),
    Case(input: "https://<host>/done", output: "https://<host>/done"),
    // Everything at once, and what must stay.
    Case(input: "OSError: /home/jo/x (jo@ex.org from 1.2.3.4)", output: "OSError: /home/<user>/x (<email> from <ip>)"),
    Case(input: "KeyError", output: "KeyError"),
    Case(input: "tab\there\nline", output: "tab here line"),
    Case(input: "Zürich café", output: "Zürich café"),
    Case(input: "", output: ""),
  ]

  @Test(arguments: cases) func scrubs(_ c: Case) {
    #expect(Scrubber.scrub(c.input) == c.output)
  }

  @Test func theTableHasAtLeastFortyCases() {
    #expect(Self.cases.count >= 40)
  }

  /// The patterns, written independently of the scrubber (regular expressions; entropy has no
  /// regular expression, so the scrubber's own measure stands in for it).
  static let patterns: [(name: String, regex: NSRegularExpression)] = [
    ("home path", #"(?i)(/Users/|/home/|[A-Za-z]:[\\/]Users[\\/])(?!<user>)[^/\\\s"'<>`?#]+"#),
    ("email", #"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"#),
    ("ipv4", #"(?<![0-9])(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9]|0[0-9]{1,2})(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9]|0[0-9]{1,2})){3}(?![0-9])"#),
    ("ipv6", #"(?<![A-Za-z0-9_:])[0-9A-Fa-f:]*::[0-9A-Fa-f:]*(?![A-Za-z0-9_:])"#),
    ("token prefix", #"(?<![A-Za-z0-9])(github_pat_|gh[pousr]_|sk-|xox[abprs]-|xapp-|AKIA|ASIA|pypi-|glpat-|npm_|AIza|sk_live_|rk_live_)[A-Za-z0-9_-]{8,}"#),
    ("ipv6 full", #"(?<![A-Za-z0-9_:])([0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![A-Za-z0-9_:])"#),
    ("url host", #"[A-Za-z0-9+.-]://(?!<host>)[^/\\\s"'<>`?#]+"#),
  ].map { ($0.0, try! NSRegularExpression(pattern: $0.1)) }

  static func leaks(_ s: String) -> [String] {
    var found = patterns.compactMap { p -> String? in
      let range = NSRange(s.startIndex..., in: s)
      for m in p.regex.matches(in: s, range: range) {
        let text = String(s[Range(m.range, in: s)!])
        // `::` alone is no address: the ipv6 pattern needs a hex digit too.
        if p.name.hasPrefix("ipv6"), !text.contains(where: \.isHexDigit) { continue }
        return "\(p.name): \(text)"
      }
      return nil
    }
    var run: [UInt8] = []
    for b in Array(s.utf8) + [0x20] {
      if Scrubber.isRunByte(b) { run.append(b); continue }
      if Scrubber.looksSecret(run) { found.append("entropy: \(String(decoding: run, as: UTF8.self))") }
      run = []
    }
    return found
  }

  @Test func theOracleSeesTheRawInputs() {
    // The patterns are not vacuous: every case whose output differs leaks before scrubbing.
    for c in Self.cases where c.input != c.output && !c.input.contains("\t") {
      #expect(!Self.leaks(c.input).isEmpty, "\(c.input)")
    }
  }

  @Test func noScrubbedOutputMatchesAnyPattern() {
    let fragments = [
      "/Users/", "/home/", #"C:\Users\"#, "C:/Users/", "alice", "@", ".", "example.com", "ghp_", "github_pat_", "sk-", "xoxb-", "AKIA", "pypi-",
      "192", "168", "0", "255", "256", ":", "::", "fe80", "db8", "https://", "http://", "host", "/", "\\", " ", "-", "_", "<", ">", "a8f5f167f44f4964",
      "e6c998dee827110c", "Zq9", "x", "1", "2", "3", "é", "\"", "'", "user", "<user>", "<ip>", "<token>", "<email>", "<host>",
    ]
    var rng = SeededGenerator(seed: 0x5EED_0A11)
    var checked = 0
    for _ in 0..<3000 {
      let n = Int.random(in: 1...14, using: &rng)
      let input = (0..<n).map { _ in fragments.randomElement(using: &rng) ?? "" }.joined()
      let output = Scrubber.scrub(input)
      let leaks = Self.leaks(output)
      #expect(leaks.isEmpty, "\(input) → \(output): \(leaks)")
      #expect(Scrubber.scrub(output) == output, "not a fixpoint: \(input)")
      checked += 1
    }
    #expect(checked == 3000)
  }

  @Test func log2MatchesFoundation() {
    for x in [0.001, 0.05, 0.3, 0.5, 1, 2, 3, 7.5, 1000] {
      #expect(abs(Scrubber.log2(x) - Foundation.log2(x)) < 1e-9)
    }
  }
}
