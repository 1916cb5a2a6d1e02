import JitterbugSupport
import Testing
@testable import RTP

@Suite("NTP timestamps and send-time extensions")
struct NTPTimestampTests {
    @Test func unixEpochIsNTP2208988800() {
        let ntp = NTPTimestamp(sinceUnixEpoch: .zero)
        #expect(ntp.seconds == 2_208_988_800)
        #expect(ntp.fraction == 0)
        #expect(ntp.unixSeconds == 0)
        #expect(NTPTimestamp(unixSeconds: 0) == ntp)
    }

    @Test func halfSecondIsTopFractionBit() {
        let ntp = NTPTimestamp(sinceUnixEpoch: .seconds(1) + .milliseconds(500))
        #expect(ntp.seconds == 2_208_988_801)
        #expect(ntp.fraction == 0x8000_0000)
        #expect(NTPTimestamp(unixSeconds: 1.25).fraction == 0x4000_0000)
    }

    /// RFC 3550 §6.4.1 figure: 10 Nov 1995 11:33:25.125 UTC = ntp_sec 0xb44db705,
    /// ntp_frac 0x20000000; the LSR field (middle 32 bits) is 0xb7052000.
    @Test func rfc3550ExampleTimestamp() {
        let ntp = NTPTimestamp(seconds: 0xb44d_b705, fraction: 0x2000_0000)
        #expect(ntp.middle32 == 0xb705_2000)
        #expect(ntp.unixSeconds == 816_003_205.125)  // 3024992005.125 − 2208988800
        #expect(ntp.sinceUnixEpoch == .seconds(816_003_205) + .milliseconds(125))
        #expect(NTPTimestamp(sinceUnixEpoch: .seconds(816_003_205) + .milliseconds(125)) == ntp)
        #expect(ntp.rawValue == 0xb44d_b705_2000_0000)
        #expect(NTPTimestamp(rawValue: 0xb44d_b705_2000_0000) == ntp)
    }

    @Test func durationRoundTripIsWithinOneFractionUnit() {
        let duration = Duration.seconds(1_700_000_000) + .nanoseconds(123_456_789)
        let back = NTPTimestamp(sinceUnixEpoch: duration).sinceUnixEpoch
        let error = duration - back
        #expect(error >= .zero && error < .nanoseconds(1))
    }

    @Test func nonFiniteUnixSecondsDoNotTrap() {
        #expect(NTPTimestamp(unixSeconds: .nan) == NTPTimestamp(sinceUnixEpoch: .zero))
        #expect(NTPTimestamp(unixSeconds: .infinity) == NTPTimestamp(sinceUnixEpoch: .zero))
    }

    @Test func era1After2036() {
        // 2036-02-07 06:28:16 UTC is NTP seconds 0 of era 1.
        let unix = Int64(1) << 32 - 2_208_988_800
        let ntp = NTPTimestamp(sinceUnixEpoch: .seconds(unix))
        #expect(ntp.seconds == 0)
        #expect(ntp.unixSeconds == Double(unix))
    }

    @Test func negativeUnixTimeBorrowsFromSeconds() {
        let ntp = NTPTimestamp(sinceUnixEpoch: .milliseconds(-500))
        #expect(ntp.seconds == 2_208_988_799)
        #expect(ntp.fraction == 0x8000_0000)
    }

    @Test func ntp64ElementRoundTrip() throws {
        let ntp = NTPTimestamp(seconds: 0xb44d_b705, fraction: 0x2000_0000)
        let element = ntp.ntp64ExtensionElement()
        #expect(element.id == SendTimeExtension.defaultID)
        #expect(SendTimeExtension.defaultID == 1)
        #expect(element.data == hex("b4 4d b7 05 20 00 00 00"))
        #expect(NTPTimestamp(ntp64Element: element) == ntp)
        #expect(NTPTimestamp(ntp64Element: RTPHeaderExtensionElement(id: 1, data: [1, 2, 3])) == nil)
        // Travels in a one-byte extension block (8 bytes fits L=7).
        let packet = RTPPacket(
            header: RTPHeader(payloadType: 111, sequenceNumber: 0, timestamp: 0, ssrc: 0, extensions: [element]),
            payload: [1])
        let parsed = try RTPPacket(parsing: packet.serialized())
        #expect(Array(packet.serialized()[12..<17]) == hex("be de 00 03 17"))
        let carried = try #require(parsed.header.extensionElement(id: 1))
        #expect(NTPTimestamp(ntp64Element: carried) == ntp)
    }
}
