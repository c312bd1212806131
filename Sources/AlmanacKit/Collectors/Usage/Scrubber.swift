/// Removes personal data from a free-text value of a usage event before anything is stored.
///
/// Passes, in this order, over the UTF-8 bytes (each pass's placeholder cannot start a match of
/// a later one, and the whole is repeated until nothing changes):
///
/// 1. a URL's authority (`scheme://user:pass@host:port`) → `<host>` (the path stays, scrubbed);
/// 2. the name in a home path (`/Users/<name>`, `/home/<name>`, `C:\Users\<name>`,
///    `C:/Users/<name>`) → `<user>`;
/// 3. an email address → `<email>`;
/// 4. a token with a known prefix (`ghp_`, `github_pat_`, `sk-`, `xoxb-`, `AKIA`, `pypi-`, …
///    followed by 8 or more token characters) → `<token>`;
/// 5. a high-entropy run (20+ characters of `[A-Za-z0-9_+=-]` with letters and digits, an
///    unbroken alphanumeric stretch of 16+, and 3.5+ bits per character) → `<token>`;
/// 6. an IPv4 address (four dot-separated numbers 0–255 anywhere in a run of digits and dots:
///    the whole run goes) → `<ip>`;
/// 7. an IPv6 address (a run of hex digits and colons with `::` or seven colons, standing
///    alone) → `<ip>`.
///
/// Control characters become spaces. The table of cases is `ScrubberTests`; a seeded property
/// test checks that no output matches any of the patterns.
public enum Scrubber {
  public static let user = "<user>"
  public static let token = "<token>"
  public static let email = "<email>"
  public static let ip = "<ip>"
  public static let host = "<host>"

  /// Prefixes of credentials that are secret whatever follows (GitHub, OpenAI/Anthropic, Slack,
  /// AWS access keys, PyPI, GitLab, npm, Google API keys, Stripe).
  public static let tokenPrefixes = [
    "github_pat_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "sk-", "xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xapp-",
    "AKIA", "ASIA", "pypi-", "glpat-", "npm_", "AIza", "sk_live_", "rk_live_",
  ]

  public static func scrub(_ text: String) -> String {
    var bytes = Array(text.utf8).map { $0 < 0x20 || $0 == 0x7F ? 0x20 : $0 }
    // Most values (feature names, versions) hold nothing any pass looks for.
    guard bytes.count >= 7 || bytes.contains(where: { $0 == 0x3A || $0 == 0x40 || $0 == 0x2E }) else { return String(decoding: bytes, as: UTF8.self) }
    for _ in 0..<4 {
      let before = bytes
      bytes = hosts(bytes)
      bytes = homes(bytes)
      bytes = emails(bytes)
      bytes = prefixedTokens(bytes)
      bytes = entropyTokens(bytes)
      bytes = ipv4(bytes)
      bytes = ipv6(bytes)
      if bytes == before { break }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  // MARK: Character classes (ASCII bytes)

  static func isAlpha(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
  static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
  static func isAlnum(_ b: UInt8) -> Bool { isAlpha(b) || isDigit(b) }
  static func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66) }
  static func isTokenByte(_ b: UInt8) -> Bool { isAlnum(b) || b == 0x5F || b == 0x2D }  // _ -
  static func isRunByte(_ b: UInt8) -> Bool { isTokenByte(b) || b == 0x2B || b == 0x3D }  // + =
  /// Where a path segment, host or name ends.
  static func isStop(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x2F || b == 0x5C || b == 0x22 || b == 0x27 || b == 0x3C || b == 0x3E || b == 0x60 || b == 0x3F || b == 0x23
  }

  static let placeholderBytes: [[UInt8]] = [user, token, email, ip, host].map { Array($0.utf8) }

  static func hasPrefix(_ bytes: [UInt8], at i: Int, _ prefix: [UInt8], caseInsensitive: Bool = false) -> Bool {
    guard i + prefix.count <= bytes.count else { return false }
    for k in 0..<prefix.count {
      let a = bytes[i + k], b = prefix[k]
      if a == b { continue }
      if caseInsensitive, isAlpha(a), isAlpha(b), a | 0x20 == b | 0x20 { continue }
      return false
    }
    return true
  }

  /// Replaces `bytes[range]` by `with` (ranges found left to right, applied right to left).
  static func replacing(_ bytes: [UInt8], _ ranges: [Range<Int>], with: String) -> [UInt8] {
    var out = bytes
    for r in ranges.reversed() { out.replaceSubrange(r, with: Array(with.utf8)) }
    return out
  }

  // MARK: Passes

  static func hosts(_ b: [UInt8]) -> [UInt8] {
    var ranges: [Range<Int>] = []
    var i = 1
    while i + 3 <= b.count {
      guard b[i] == 0x3A, b[i + 1] == 0x2F, b[i + 2] == 0x2F, isAlnum(b[i - 1]) || b[i - 1] == 0x2B || b[i - 1] == 0x2E || b[i - 1] == 0x2D else { i += 1; continue }
      let start = i + 3
      var end = start
      while end < b.count, !isStop(b[end]) { end += 1 }
      if end > start, Array(b[start..<end]) != Array(host.utf8) { ranges.append(start..<end) }
      i = end
    }
    return replacing(b, ranges, with: host)
  }

  static let homePrefixes: [[UInt8]] = ["/Users/", "/home/", ":\\Users\\", ":/Users/"].map { Array($0.utf8) }

  static func homes(_ b: [UInt8]) -> [UInt8] {
    var ranges: [Range<Int>] = []
    var i = 0
    while i < b.count {
      guard b[i] == 0x2F || b[i] == 0x3A, let p = homePrefixes.first(where: { hasPrefix(b, at: i, $0, caseInsensitive: true) }) else { i += 1; continue }
      let start = i + p.count
      var end = start
      while end < b.count, !isStop(b[end]) { end += 1 }
      if end > start, Array(b[start..<end]) != Array(user.utf8) { ranges.append(start..<end) }
      i = max(end, i + 1)
    }
    return replacing(b, ranges, with: user)
  }

  static func isLocal(_ b: UInt8) -> Bool { isAlnum(b) || b == 0x2E || b == 0x5F || b == 0x25 || b == 0x2B || b == 0x2D }
  static func isDomain(_ b: UInt8) -> Bool { isAlnum(b) || b == 0x2E || b == 0x2D }

  static func emails(_ b: [UInt8]) -> [UInt8] {
    var ranges: [Range<Int>] = []
    var i = 0
    while i < b.count {
      guard b[i] == 0x40 else { i += 1; continue }
      var start = i
      while start > 0, isLocal(b[start - 1]), (ranges.last?.upperBound ?? 0) < start { start -= 1 }
      var end = i + 1
      while end < b.count, isDomain(b[end]) { end += 1 }
      // A domain: labels of [A-Za-z0-9-], one after a dot starting with two letters.
      let labels = b[(i + 1)..<end].split(separator: 0x2E, omittingEmptySubsequences: false)
      var valid = false
      if let first = labels.first, !first.isEmpty {
        for label in labels.dropFirst() {
          if label.isEmpty { break }
          if label.count >= 2, isAlpha(label[label.startIndex]), isAlpha(label[label.startIndex + 1]) { valid = true; break }
        }
      }
      if start < i, valid { ranges.append(start..<end) }
      i = valid && start < i ? end : i + 1
    }
    return replacing(b, ranges, with: email)
  }

  static let prefixBytes = tokenPrefixes.map { Array($0.utf8) }
  static let prefixStarts = Set(prefixBytes.compactMap(\.first))

  static func prefixedTokens(_ b: [UInt8]) -> [UInt8] {
    var ranges: [Range<Int>] = []
    var i = 0
    while i < b.count {
      guard prefixStarts.contains(b[i]), i == 0 || !isAlnum(b[i - 1]), let p = prefixBytes.first(where: { hasPrefix(b, at: i, $0) }) else { i += 1; continue }
      var end = i + p.count
      while end < b.count, isTokenByte(b[end]) { end += 1 }
      if end - (i + p.count) >= 8 { ranges.append(i..<end); i = end } else { i += 1 }
    }
    return replacing(b, ranges, with: token)
  }

  /// Whether a run of token characters looks like a secret (see the type's comment).
  public static func looksSecret(_ run: some Collection<UInt8>) -> Bool {
    guard run.count >= 20, run.contains(where: isAlpha), run.contains(where: isDigit) else { return false }
    var longest = 0, current = 0
    var counts = [Int](repeating: 0, count: 256)
    for c in run {
      counts[Int(c)] += 1
      current = isAlnum(c) ? current + 1 : 0
      longest = max(longest, current)
    }
    guard longest >= 16 else { return false }
    let n = Double(run.count)
    var entropy = 0.0
    for c in counts where c > 0 {
      let p = Double(c) / n
      entropy -= p * log2(p)
    }
    return entropy >= 3.5
  }

  /// log₂ without Foundation: the binary exponent plus ln(significand) / ln 2, the logarithm
  /// from its atanh series (the significand is in [1, 2), so a dozen terms are exact to 1e-12).
  static func log2(_ x: Double) -> Double {
    let s = x.significand
    let y = (s - 1) / (s + 1), y2 = y * y
    var term = y, sum = 0.0
    for k in stride(from: 1, through: 41, by: 2) {
      sum += term / Double(k)
      term *= y2
    }
    return Double(x.exponent) + 2 * sum / 0.693_147_180_559_945_3
  }

  /// Replaces each maximal run of `member` bytes that `matches` (given the run's range) by
  /// `placeholder`.
  static func replacingRuns(_ b: [UInt8], of member: (UInt8) -> Bool, with placeholder: String, where matches: (Range<Int>) -> Bool) -> [UInt8] {
    var ranges: [Range<Int>] = []
    var i = 0
    while i < b.count {
      guard member(b[i]) else { i += 1; continue }
      var end = i
      while end < b.count, member(b[end]) { end += 1 }
      if matches(i..<end) { ranges.append(i..<end) }
      i = end
    }
    return replacing(b, ranges, with: placeholder)
  }

  static func entropyTokens(_ b: [UInt8]) -> [UInt8] {
    replacingRuns(b, of: isRunByte, with: token) { looksSecret(b[$0]) }
  }

  static func ipv4(_ b: [UInt8]) -> [UInt8] {
    replacingRuns(b, of: { isDigit($0) || $0 == 0x2E }, with: ip) { r in
      guard r.count >= 7, b[r].lazy.filter({ $0 == 0x2E }).count >= 3 else { return false }
      let groups = b[r].split(separator: 0x2E, omittingEmptySubsequences: false)
      let octet = groups.map { g in g.count >= 1 && g.count <= 3 && (Int(String(decoding: g, as: UTF8.self)) ?? 256) <= 255 }
      return octet.count >= 4 && (0...(octet.count - 4)).contains { k in octet[k..<(k + 4)].allSatisfy { $0 } }
    }
  }

  static func ipv6(_ b: [UInt8]) -> [UInt8] {
    replacingRuns(b, of: { isHex($0) || $0 == 0x3A }, with: ip) { r in
      guard r.count >= 2, b[r].contains(0x3A) else { return false }
      let run = b[r]
      let word = { (c: UInt8) in isAlnum(c) || c == 0x5F }
      let alone = (r.lowerBound == 0 || !word(b[r.lowerBound - 1])) && (r.upperBound == b.count || !word(b[r.upperBound]))
      let colons = run.filter { $0 == 0x3A }.count
      let double = zip(run, run.dropFirst()).contains { $0 == 0x3A && $1 == 0x3A }
      return alone && run.contains(where: isHex) && (double || colons >= 7)
    }
  }
}
