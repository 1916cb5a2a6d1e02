extension Nullable: Equatable where Wrapped: Equatable {}
