internal import COpus

/// The libopus linked at run time.
public enum OpusLibrary {
    /// libopus's own version text, e.g. "libopus 1.5.2" (`opus_get_version_string`).
    public static var version: String { String(cString: opus_get_version_string()) }
}
