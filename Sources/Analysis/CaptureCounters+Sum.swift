import Capture
import Foundation

extension CaptureCounters {
    /// The counters of several files added field by field. Done through the counters' own
    /// `Codable` form, so fields the reader gains later are summed too (integer fields; any
    /// other field keeps the first file's value).
    public static func sum(_ list: [CaptureCounters]) -> CaptureCounters {
        guard var total = list.first else { return CaptureCounters() }
        guard list.count > 1 else { return total }
        var fields: [String: Any] = [:]
        for counters in list {
            guard let data = try? JSONEncoder().encode(counters),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { continue }
            for (name, value) in object {
                if let number = value as? Int, let earlier = fields[name] as? Int {
                    fields[name] = earlier + number
                } else if fields[name] == nil {
                    fields[name] = value
                }
            }
        }
        if let data = try? JSONSerialization.data(withJSONObject: fields),
            let decoded = try? JSONDecoder().decode(CaptureCounters.self, from: data)
        {
            total = decoded
        }
        return total
    }
}
