import Foundation
import SOPCore
import SOPEngine
import SOPModel
import SOPStorage

extension CaseService {
    /// An attached document of a case read back: its record and its bytes, checked against the
    /// SHA-256 they were stored under. `document` is the workflow's document id; when the case has
    /// it attached more than once, the latest attachment is read.
    ///
    /// Refused when the case has no such attachment (naming the ones it has), and reported as a
    /// damaged database when the bytes are missing or do not match their hash: nothing is given
    /// out that is not what was attached.
    public func attachedDocument(_ reference: String, document: String) throws(ServiceError) -> (record: AttachedDocument, content: Data) {
        let stored = try load(reference)
        let state = stored.state
        guard let record = state.documents.last(where: { $0.document.rawValue == document }) else {
            let attached = Array(Set(state.documents.map(\.document.rawValue))).sorted()
            let list = attached.joined(separator: ", ")
            throw ServiceError(.unknownDocument, attached.isEmpty
                ? Text(
                    id: "pengaduan \(state.registerNumber) belum memiliki lampiran",
                    en: "case \(state.registerNumber) has no attachments yet")
                : Text(
                    id: "pengaduan \(state.registerNumber) tidak memiliki lampiran '\(document)'; lampirannya: \(list)",
                    en: "case \(state.registerNumber) has no attachment '\(document)'; its attachments are: \(list)"))
        }
        let content: Data?
        do {
            content = try store.attachment(sha256: record.sha256)
        } catch {
            throw .store(error)
        }
        guard let content, content.count == record.size, ContentHash.hex(content) == record.sha256 else {
            throw ServiceError(.corrupt, Text(
                id: "isi lampiran '\(document)' (\(record.fileName)) pengaduan \(state.registerNumber) tidak ada atau tidak sesuai dengan "
                    + "SHA-256-nya \(record.sha256): basis data rusak; pulihkan dari cadangan",
                en: "the content of attachment '\(document)' (\(record.fileName)) of case \(state.registerNumber) is missing or does not "
                    + "match its SHA-256 \(record.sha256): the database is damaged; restore it from a backup"),
                isUnreadableInput: true)
        }
        return (record, content)
    }
}
