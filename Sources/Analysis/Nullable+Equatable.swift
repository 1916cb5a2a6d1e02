extension Nullable: Equatable where Wrapped: Equatable {
    public static func == (left: Nullable, right: Nullable) -> Bool { left.value == right.value }
}
