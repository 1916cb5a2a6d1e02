import Testing
@testable import Capture

@Test func placeholder() { #expect(CaptureTransport.udp.rawValue == "udp") }
