import JitterbugSupport
import Testing

@Suite struct DurationUnitsTests {
    @Test func secondsMillisecondsAndMicroseconds() {
        #expect(Duration.milliseconds(125).seconds == 0.125)
        #expect(Duration.microseconds(2_500).milliseconds == 2.5)
        #expect(Duration.seconds(-1.5).milliseconds == -1_500)
        #expect(Duration.nanoseconds(1_999).wholeMicroseconds == 1)
        #expect(Duration.nanoseconds(-1_999).wholeMicroseconds == -1)
        // Saturates instead of overflowing.
        #expect(Duration.seconds(Int64.max).wholeMicroseconds == .max)
    }

    @Test func finiteSecondsNeverTrap() {
        #expect(Duration.seconds(finite: 0.25) == .milliseconds(250))
        #expect(Duration.seconds(finite: .nan) == .zero)
        #expect(Duration.seconds(finite: .infinity) == .zero)
        #expect(Duration.seconds(finite: 1e30) > .seconds(1_000_000_000))
    }
}
