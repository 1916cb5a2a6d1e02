/// Noise and drift model of ``IMUSource``. Standard deviations are per sample; drift is a
/// random walk of the sensor bias whose step grows with √(time between samples).
public struct IMUSourceConfiguration: Sendable, Hashable {
    /// Gravity on the z axis in m/s² (the device lies flat and still).
    public var gravityMetersPerSecondSquared: Double
    /// Accelerometer white noise σ in m/s².
    public var accelerometerNoiseMetersPerSecondSquared: Double
    /// Gyroscope white noise σ in rad/s.
    public var gyroscopeNoiseRadiansPerSecond: Double
    /// Accelerometer bias random walk in m/s² per √s.
    public var accelerometerDriftPerRootSecond: Double
    /// Gyroscope bias random walk in rad/s per √s.
    public var gyroscopeDriftPerRootSecond: Double

    public init(
        gravityMetersPerSecondSquared: Double = 9.80665,
        accelerometerNoiseMetersPerSecondSquared: Double = 0.02,
        gyroscopeNoiseRadiansPerSecond: Double = 0.002,
        accelerometerDriftPerRootSecond: Double = 0.002,
        gyroscopeDriftPerRootSecond: Double = 0.0005
    ) {
        self.gravityMetersPerSecondSquared = gravityMetersPerSecondSquared
        self.accelerometerNoiseMetersPerSecondSquared = accelerometerNoiseMetersPerSecondSquared
        self.gyroscopeNoiseRadiansPerSecond = gyroscopeNoiseRadiansPerSecond
        self.accelerometerDriftPerRootSecond = accelerometerDriftPerRootSecond
        self.gyroscopeDriftPerRootSecond = gyroscopeDriftPerRootSecond
    }
}
