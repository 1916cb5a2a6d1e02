import ArgumentParser

extension SendRate: ExpressibleByArgument {
    init?(argument: String) {
        guard let rate = try? Self.argument(argument) else { return nil }
        self = rate
    }

    var defaultValueDescription: String { description }
}
