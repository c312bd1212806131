/// One opt-in usage event (`schemas/usage-event.schema.json`), as a package's own telemetry
/// writes it: one JSON object per line.
///
/// Read strictly: an object whose `consent` is not exactly `true` is dropped before any other
/// field is looked at (`withoutConsent`); one without the documented fields and types is
/// `invalid`; unknown keys are ignored and never kept. Free-text fields go through `Scrubber`
/// and are cut to `maxText` characters; ids must match the id grammar, so they cannot carry text.
public struct UsageEvent: Equatable, Sendable {
  /// Unique per event (a UUID): the same event read twice is counted once.
  public var id: String
  /// `YYYY-MM-DDTHH:MM:SS[.fff]Z`, UTC.
  public var time: String
  public var day: Day
  /// The anonymous installation id (random, made once per installation by the client).
  public var installation: String
  public var feature: String
  public var durationMs: Int64?
  public var success: Bool
  public var errorType: String?
  public var sdkVersion: String?
  public var pythonVersion: String?
  public var os: String?

  public static let maxText = 100

  public enum Decoded: Equatable, Sendable {
    /// `scrubbed`: how many field values the scrubber changed.
    case event(UsageEvent, scrubbed: Int)
    case withoutConsent
    case invalid(String)
  }

  /// An id: 8–64 characters of letters, digits, `-` and `_`.
  public static func isID(_ s: String) -> Bool {
    (8...64).contains(s.utf8.count) && s.utf8.allSatisfy { Scrubber.isTokenByte($0) }
  }

  public static func decode(line: some Collection<UInt8>) -> Decoded {
    let json: JSONValue
    do { json = try JSONParser.parse(line) } catch { return .invalid("not JSON (\(error.message))") }
    guard json.objectValue != nil else { return .invalid("expected an object, found \(json.kindName)") }
    guard case .bool(true) = json["consent"] else { return .withoutConsent }
    return decodeConsented(json)
  }

  static func decodeConsented(_ json: JSONValue) -> Decoded {
    func text(_ key: String) -> String? { json[key]?.stringValue }
    guard let id = text("id"), isID(id) else { return .invalid("`id`: expected 8–64 letters, digits, `-` or `_`") }
    guard let time = text("time"), isTime(time), let day = Day(time.prefix(10)) else {
      return .invalid("`time`: expected a UTC time like 2026-11-20T14:03:11Z")
    }
    guard let installation = text("installation"), isID(installation) else {
      return .invalid("`installation`: expected 8–64 letters, digits, `-` or `_`")
    }
    guard case .bool(let success) = json["success"] else { return .invalid("`success`: expected true or false") }
    var duration: Int64?
    switch json["duration_ms"] {
    case nil, .null?: duration = nil
    case .int(let n)? where n >= 0: duration = n
    default: return .invalid("`duration_ms`: expected a whole number of milliseconds, 0 or more")
    }
    var scrubbed = 0
    func clean(_ key: String, required: Bool) -> String?? {
      switch json[key] {
      case nil, .null?: return required ? nil : .some(nil)
      case .string(let s)?:
        let t = Scrubber.scrub(s)
        if t != s { scrubbed += 1 }
        let cut = String(t.prefix(maxText))
        return cut.isEmpty && required ? nil : .some(cut.isEmpty ? nil : cut)
      default: return nil
      }
    }
    guard let feature = clean("feature", required: true), let feature else { return .invalid("`feature`: expected a non-empty string") }
    guard let errorType = clean("error_type", required: false) else { return .invalid("`error_type`: expected a string or null") }
    guard let sdk = clean("sdk_version", required: false) else { return .invalid("`sdk_version`: expected a string or null") }
    guard let python = clean("python_version", required: false) else { return .invalid("`python_version`: expected a string or null") }
    guard let os = clean("os", required: false) else { return .invalid("`os`: expected a string or null") }
    let event = UsageEvent(
      id: id, time: time, day: day, installation: installation, feature: feature, durationMs: duration, success: success,
      errorType: errorType, sdkVersion: sdk, pythonVersion: python, os: os)
    return .event(event, scrubbed: scrubbed)
  }

  /// `YYYY-MM-DDTHH:MM:SS`, optional fraction, `Z`.
  static func isTime(_ s: String) -> Bool {
    let b = Array(s.utf8)
    guard b.count >= 20, b.count <= 30, b.last == 0x5A, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A else { return false }
    let digits = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
    guard digits.allSatisfy({ Scrubber.isDigit(b[$0]) }), b[4] == 0x2D, b[7] == 0x2D else { return false }
    guard b.count > 20 else { return true }
    return b[19] == 0x2E && b.count > 21 && b[20..<(b.count - 1)].allSatisfy(Scrubber.isDigit)
  }

  /// The stored form: every documented key (null when absent), `consent: true`, canonical JSON.
  public var json: JSONValue {
    func opt(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
    return .object([
      "id": .string(id), "time": .string(time), "consent": .bool(true), "installation": .string(installation),
      "feature": .string(feature), "duration_ms": durationMs.map { .int($0) } ?? .null, "success": .bool(success),
      "error_type": opt(errorType), "sdk_version": opt(sdkVersion), "python_version": opt(pythonVersion), "os": opt(os),
    ])
  }

  /// One inbox line (no newline).
  public var line: String { CanonicalJSON.encodeCompact(json) }
}
