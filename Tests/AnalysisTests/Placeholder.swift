import Testing
@testable import Analysis

@Test func placeholder() { #expect(PlayoutPolicy(argument: "fixed:50") == .fixed(delayMilliseconds: 50)) }
