/// A peer list (command line or file) that cannot be used; the text names the value and the
/// accepted form.
package struct ProbePeerListError: Error, Sendable, Equatable, CustomStringConvertible {
    package var description: String

    package init(_ description: String) { self.description = description }
}
