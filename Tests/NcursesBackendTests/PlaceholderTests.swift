import Testing
@testable import NcursesBackend
@Test func backendPlaceholder() {}
