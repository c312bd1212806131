/// A file Almanac reads is not what Almanac wrote: wrong format line, wrong columns, bad value.
///
/// The message names the file and line and says how to recover; the store turns it into the
/// user-facing error.
public struct FormatError: Error, Equatable, Sendable, CustomStringConvertible {
  public var path: String
  public var line: Int?
  public var problem: String
  public var remedy: String

  public init(path: String, line: Int? = nil, problem: String, remedy: String = FormatError.defaultRemedy) {
    self.path = path
    self.line = line
    self.problem = problem
    self.remedy = remedy
  }

  public static let defaultRemedy =
    "The file was edited by hand or truncated; restore it with `git checkout -- <path>` or delete it and re-run the stage that writes it."

  public var description: String {
    let location = line.map { "\(path):\($0)" } ?? path
    return "\(location): \(problem). " + remedy.replacingAll("<path>", with: path)
  }
}
