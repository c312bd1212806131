/// The name of one daily series a rule can watch: `<source>.<subject>.<measure>`, such as
/// `pypistats.tidewater.downloads`, `pypi.tidewater.could_be_human` or
/// `github.tidewater-dev/tidewater.views`.
///
/// The subject is a package (PEP 503 normalised, so it holds no dot) or a repository
/// (`owner/name`, which may): the source is what comes before the first dot, the measure what
/// comes after the last one, and the subject everything between.
public struct MetricName: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var source: String
  public var subject: String
  public var measure: String

  public init(source: String, subject: String, measure: String) {
    self.source = source
    self.subject = subject
    self.measure = measure
  }

  public init?(_ text: String) {
    guard let firstDot = text.firstIndex(of: "."), let lastDot = text.lastIndex(of: "."), firstDot < lastDot else { return nil }
    let source = String(text[..<firstDot])
    let subject = String(text[text.index(after: firstDot)..<lastDot])
    let measure = String(text[text.index(after: lastDot)...])
    func plain(_ s: String) -> Bool { !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0)) } }
    guard plain(source), plain(measure), !subject.isEmpty,
      subject.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_./*".contains($0)) })
    else { return nil }
    self.init(source: source, subject: subject, measure: measure)
  }

  public var description: String { "\(source).\(subject).\(measure)" }

  /// `*` as the subject matches every subject of the source (`github.*.views`: every repository).
  public var isPattern: Bool { subject == "*" }

  public func matches(_ other: MetricName) -> Bool {
    source == other.source && measure == other.measure && (isPattern || subject == other.subject)
  }

  public static func < (a: MetricName, b: MetricName) -> Bool { a.description.utf8.lexicographicallyPrecedes(b.description.utf8) }
}
