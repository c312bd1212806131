import Testing

@testable import AlmanacKit

@Suite struct PackageNameTests {
  @Test(arguments: [
    ("demo-pkg", "demo-pkg"), ("Django", "django"), ("zope.interface", "zope-interface"), ("Foo__Bar", "foo-bar"),
    ("a-_.b", "a-b"), ("a", "a"), ("1password", "1password"), ("PyYAML", "pyyaml"), ("typing_extensions", "typing-extensions"),
  ])
  func normalisesPerPEP503(_ raw: String, _ normalized: String) throws {
    let name = try #require(PackageName(raw))
    #expect(name.normalized == normalized)
    #expect(name.description == normalized)
  }

  @Test(arguments: [
    "", "-foo", "foo-", ".foo", "foo_", "foo bar", "foo/bar", "../etc", "café", "foo\n", "foo?x=1", "a b", "__all__",
    String(repeating: "a", count: 201),
  ])
  func rejectsWhatIsNotAProjectName(_ raw: String) {
    #expect(PackageName(raw) == nil)
  }

  @Test func allows200Characters() {
    #expect(PackageName(String(repeating: "a", count: 200)) != nil)
  }

  @Test func equalNamesAfterNormalisationAreEqual() {
    #expect(PackageName("Zope.Interface") == PackageName("zope_interface"))
    #expect(Set([PackageName("A_b"), PackageName("a-B"), PackageName("a.b")]).count == 1)
    #expect([PackageName("b"), PackageName("a")].compactMap { $0 }.sorted().map(\.normalized) == ["a", "b"])
  }
}
