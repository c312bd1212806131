import AlmanacCLI

@main
enum Entrypoint {
  static func main() async { await ClassifyCommand.main() }
}
