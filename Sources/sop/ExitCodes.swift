import ArgumentParser

/// The exit codes of `sop`, as the README gives them: 0 done, 1 refused, 2 unusable input.
extension ExitCode {
    /// The command was refused, or what it checked has findings: a step not allowed, a workflow
    /// with errors, two revisions that differ. Nothing was written.
    static let refused = ExitCode(1)
    /// The command could not run on what it was given: a usage error, or a file, folder or
    /// database that cannot be read or used. Nothing was written.
    static let unusableInput = ExitCode(2)
}
