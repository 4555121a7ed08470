/// A typed identifier: a step's id cannot be passed where an actor's is expected.
public struct Identifier<Tag>: Hashable, Sendable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral, Codable
{
    /// The id as written in the workflow file.
    public let rawValue: String

    /// Creates an id from its text.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// Creates an id from a string literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Tag types for `Identifier`; never instantiated.
public enum IdentifierTag {
    public enum Workflow {}
    public enum Step {}
    public enum Actor {}
    public enum Document {}
    public enum Field {}
    public enum Channel {}
    public enum Outcome {}
    public enum Calendar {}
}

/// Identifies a workflow (one SOP) across its revisions, e.g. `pengaduan-langsung`.
public typealias WorkflowID = Identifier<IdentifierTag.Workflow>
/// Identifies a step within a workflow, e.g. `periksa-kelengkapan`.
public typealias StepID = Identifier<IdentifierTag.Step>
/// Identifies an actor (a role, a pelaksana), e.g. `front-office`.
public typealias ActorID = Identifier<IdentifierTag.Actor>
/// Identifies a document, e.g. `formulir-pengaduan`.
public typealias DocumentID = Identifier<IdentifierTag.Document>
/// Identifies a case field, e.g. `telepon`.
public typealias FieldID = Identifier<IdentifierTag.Field>
/// Identifies an intake channel, e.g. `instagram`.
public typealias ChannelID = Identifier<IdentifierTag.Channel>
/// Identifies an outcome a case can end with, e.g. `selesai`.
public typealias OutcomeID = Identifier<IdentifierTag.Outcome>
/// Identifies a calendar, e.g. `jam-kerja-kebumen`.
public typealias CalendarID = Identifier<IdentifierTag.Calendar>

import SOPCore

/// A value together with where it was written in a file.
public struct Located<Value: Hashable & Sendable>: Hashable, Sendable {
    /// The value.
    public var value: Value
    /// Where the value was written.
    public var location: SourceLocation

    /// Pairs a value with its location.
    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}
