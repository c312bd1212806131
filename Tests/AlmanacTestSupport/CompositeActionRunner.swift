import Foundation
import Yams

/// Runs a composite action's `run:` steps the way the Actions runner does, so the glue in
/// `action.yml` (inputs, step outputs, `if:`, environment files) is tested here without GitHub.
///
/// Steps that `uses:` another action cannot run here; they are listed in `skipped` for the
/// test to check (only when their `if:` would let them run). Expressions supported: `inputs.NAME`, `github.action_path`, `runner.temp`,
/// `steps.ID.outputs.NAME`, and `if:` conditions of the form `X != ''` / `X == ''`. Anything
/// else is an error, so the runner never silently misreads the action.
public struct CompositeActionRunner {
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  public struct Result: Sendable {
    public var outputs: [String: String]
    /// What each step with an `id` wrote to `$GITHUB_OUTPUT`, by step id.
    public var stepOutputs: [String: [String: String]] = [:]
    public var skipped: [String]
    public var failedStep: String?
    public var stdout: String
    public var stderr: String
  }

  public var actionPath: String
  public var inputs: [String: String]
  /// Step names not to run (e.g. the release build, replaced by a prebuilt binary).
  public var skip: Set<String>
  /// The job's environment, seen by every step.
  public var environment: [String: String]
  public var runnerTemp: String

  public init(actionPath: String, inputs: [String: String], skip: Set<String> = [], environment: [String: String] = [:], runnerTemp: String) {
    self.actionPath = actionPath
    self.inputs = inputs
    self.skip = skip
    self.environment = environment
    self.runnerTemp = runnerTemp
  }

  public func run(workspace: String) async throws -> Result {
    let text = try String(contentsOfFile: actionPath + "/action.yml", encoding: .utf8)
    guard let action = try Yams.load(yaml: text) as? [String: Any], let runs = action["runs"] as? [String: Any],
      let steps = runs["steps"] as? [[String: Any]]
    else { throw Failure(description: "action.yml: no runs.steps") }
    var defaults: [String: String] = [:]
    for (name, spec) in action["inputs"] as? [String: Any] ?? [:] {
      defaults[name] = ((spec as? [String: Any])?["default"]).map { "\($0)" } ?? ""
    }
    for name in inputs.keys where defaults[name] == nil {
      throw Failure(description: "action.yml has no input `\(name)`")
    }
    let values = defaults.merging(inputs) { $1 }
    var stepOutputs: [String: [String: String]] = [:]
    var result = Result(outputs: [:], skipped: [], failedStep: nil, stdout: "", stderr: "")

    func evaluate(_ expression: String) throws -> String {
      let e = expression.trimmingCharacters(in: .whitespaces)
      let parts = e.split(separator: ".").map(String.init)
      switch parts.first {
      case "inputs" where parts.count == 2: return values[parts[1]] ?? ""
      case "github" where e == "github.action_path": return actionPath
      case "runner" where e == "runner.temp": return runnerTemp
      case "steps" where parts.count == 4 && parts[2] == "outputs": return stepOutputs[parts[1]]?[parts[3]] ?? ""
      default: throw Failure(description: "unsupported expression `${{ \(e) }}`")
      }
    }
    func substitute(_ s: String) throws -> String {
      var out = ""
      var rest = Substring(s)
      while let open = rest.range(of: "${{") {
        out += rest[..<open.lowerBound]
        guard let close = rest[open.upperBound...].range(of: "}}") else { throw Failure(description: "unclosed expression in `\(s)`") }
        out += try evaluate(String(rest[open.upperBound..<close.lowerBound]))
        rest = rest[close.upperBound...]
      }
      return out + rest
    }
    func condition(_ c: String) throws -> Bool {
      for (op, equal) in [("!=", false), ("==", true)] {
        let sides = c.components(separatedBy: op)
        guard sides.count == 2 else { continue }
        let left = sides[0].trimmingCharacters(in: .whitespaces)
        let right = sides[1].trimmingCharacters(in: .whitespaces)
        guard right == "''" else { break }
        let value = try evaluate(left.hasPrefix("${{") ? String(left.dropFirst(3).dropLast(2)) : left)
        return (value == "") == equal
      }
      throw Failure(description: "unsupported condition `\(c)`")
    }

    for (index, step) in steps.enumerated() {
      let name = (step["name"] as? String) ?? (step["uses"] as? String) ?? "step \(index + 1)"
      // A step whose condition is false would not run on GitHub either: it is neither run nor
      // listed as skipped.
      if let c = step["if"] as? String, try !condition(c) { continue }
      if let uses = step["uses"] as? String {
        result.skipped.append(uses)
        continue
      }
      if skip.contains(name) {
        result.skipped.append(name)
        continue
      }
      guard let script = step["run"] as? String else { throw Failure(description: "step `\(name)` has neither uses nor run") }
      guard (step["shell"] as? String) == "bash" else { throw Failure(description: "step `\(name)`: composite run steps need `shell: bash`") }
      let outputFile = runnerTemp + "/output-\(index)"
      FileManager.default.createFile(atPath: outputFile, contents: nil)
      var env = environment
      for (k, v) in step["env"] as? [String: Any] ?? [:] { env[k] = try substitute("\(v)") }
      env["GITHUB_ACTION_PATH"] = actionPath
      env["GITHUB_OUTPUT"] = outputFile
      env["GITHUB_WORKSPACE"] = workspace
      env["RUNNER_TEMP"] = runnerTemp
      env["RUNNER_OS"] = "Linux"
      env["RUNNER_ARCH"] = "X64"
      let scriptFile = runnerTemp + "/step-\(index).sh"
      try (try substitute(script)).write(toFile: scriptFile, atomically: true, encoding: .utf8)
      // The runner's own invocation for `shell: bash`.
      let r = try await Shell.run("bash --noprofile --norc -eo pipefail '\(scriptFile)'", cwd: workspace, environment: env)
      result.stdout += r.stdout
      result.stderr += r.stderr
      let written = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
      if let id = step["id"] as? String { stepOutputs[id] = Self.parseOutputFile(written) }
      result.stepOutputs = stepOutputs
      if r.status != 0 {
        result.failedStep = name
        break
      }
    }
    for (name, spec) in action["outputs"] as? [String: Any] ?? [:] {
      guard let value = (spec as? [String: Any])?["value"] as? String else { continue }
      result.outputs[name] = try substitute(value)
    }
    return result
  }

  /// `key=value` lines and `key<<DELIMITER` … `DELIMITER` blocks; a later value wins.
  public static func parseOutputFile(_ text: String) -> [String: String] {
    var out: [String: String] = [:]
    var lines = text.components(separatedBy: "\n")[...]
    while let line = lines.popFirst() {
      if let r = line.range(of: "<<"), !line[..<r.lowerBound].contains("=") {
        let key = String(line[..<r.lowerBound])
        let delimiter = String(line[r.upperBound...])
        var value: [String] = []
        while let next = lines.popFirst(), next != delimiter { value.append(next) }
        out[key] = value.joined(separator: "\n")
      } else if let eq = line.firstIndex(of: "=") {
        out[String(line[..<eq])] = String(line[line.index(after: eq)...])
      }
    }
    return out
  }
}
