extension PortalError: RetryClassifiable {
    public var retryAfter: Duration? { retryAfterSeconds.map { .seconds($0) } }
}
