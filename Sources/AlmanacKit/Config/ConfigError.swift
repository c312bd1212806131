/// A problem in `almanac.yml`, located by key path and line: `sources.pypistats.package:
/// expected a string, found a list`.
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
  public var path: String
  public var line: Int?
  public var keyPath: String
  public var problem: String

  public init(path: String, line: Int?, keyPath: String, problem: String) {
    self.path = path
    self.line = line
    self.keyPath = keyPath
    self.problem = problem
  }

  public var description: String {
    let location = line.map { "\(path):\($0)" } ?? path
    let key = keyPath.isEmpty ? "" : "\(keyPath): "
    return "\(location): \(key)\(problem)"
  }
}
