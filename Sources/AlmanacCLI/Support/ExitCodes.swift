import ArgumentParser

/// Documented exit codes: 0 ok, 1 failure, 64 usage (wrong flag or value), 3 partial (some
/// sources failed; what the others fetched was saved).
public enum ExitCodes {
  public static let ok: Int32 = 0
  public static let failure: Int32 = 1
  public static let partial: Int32 = 3
  public static let usage: Int32 = 64
}

extension ExitCode {
  public static let partial = ExitCode(ExitCodes.partial)
}
