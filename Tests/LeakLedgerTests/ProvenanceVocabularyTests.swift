import Foundation
import Testing
@testable import LeakLedger

@Suite struct ProvenanceVocabularyTests {
    // Copied from spec/cli.md, "Status vocabulary" and "Relations": the contract, in its order.
    static let specStatuses = ["confirmed", "hedged_confirmation", "denied", "denied_involvement",
                               "neither_confirm_nor_deny", "declined_to_comment", "no_comment_policy", "no_response",
                               "authenticated_technical", "disputed"]
    static let specRelations = ["quotes", "mirrors", "cites", "responds_to", "derived_from", "same_as", "contradicts",
                                "supersedes", "context"]

    @Test func vocabulariesAreTheSpecs() {
        #expect(PartyStatus.allowedValues == Self.specStatuses)
        #expect(Relation.allowedValues == Self.specRelations)
        #expect(PartyStatus.allCases.allSatisfy { !$0.summary.isEmpty })
        #expect(Relation.allCases.allSatisfy { !$0.summary.isEmpty })
    }

    @Test(arguments: specStatuses)
    func everySpecStatusParses(word: String) throws {
        #expect(try PartyStatus.parse(word).rawValue == word)
    }

    @Test(arguments: ["confirm", "Confirmed", "declined-to-comment", "no comment", "", " denied"])
    func otherStatusesAreUsageErrorsListingTheVocabulary(word: String) {
        let error = #expect(throws: LedgerError.self) { try PartyStatus.parse(word) }
        #expect(error?.kind == .usage)
        #expect(error.map { e in Self.specStatuses.allSatisfy { e.message.contains($0) } } == true)
    }

    @Test func respellingIsRefusedButNamed() {
        let error = #expect(throws: LedgerError.self) { try PartyStatus.parse("Declined-To-Comment") }
        #expect(error?.isUsage(mentioning: "did you mean declined_to_comment?") == true)
    }

    @Test func unknownRelationListsRelations() {
        let error = #expect(throws: LedgerError.self) { try Relation.parse("reaffirms") }
        #expect(error.map { e in e.kind == .usage && Self.specRelations.allSatisfy { e.message.contains($0) } } == true)
    }

    @Test func helpTextHasOneLinePerValue() {
        let lines = PartyStatus.helpText.split(separator: "\n")
        #expect(lines.count == 10)
        #expect(lines[5].hasPrefix("  declined_to_comment "))
        // The command's help wraps at 80 columns; a table line must not wrap.
        for text in [PartyStatus.helpText, Relation.helpText, ExportFormat.helpText] {
            for line in text.split(separator: "\n") { #expect(line.count <= 79, "\(line)") }
        }
    }
}

@Suite struct ProvenanceDateTests {
    @Test(arguments: ["2022-02-02", "2024-02-29", "2000-02-29", "2022-02-02T10:30:00Z", "2022-02-02T10:30:00.25+01:00",
                      "1999-12-31T23:59:60Z", "2022-02-02T00:00:00-05:30"])
    func acceptsDatesAndRFC3339(text: String) throws {
        #expect(try ReportedTime(text).text == text)
    }

    @Test(arguments: ["2022-2-2", "02/02/2022", "2022-02-30", "2023-02-29", "1900-02-29", "2022-13-01",
                      "2022-02-02T25:00:00Z", "2022-02-02T10:30Z", "2022-02-02T10:30:00", "2022-02-02 10:30:00Z",
                      "2022-02-02T10:30:00+0100", "2022-02-02T10:30:00.Z", "yesterday", "", "2022-02-02Z"])
    func refusesEverythingElse(text: String) {
        let error = #expect(throws: LedgerError.self) { try ReportedTime(text) }
        #expect(error?.isUsage(mentioning: "YYYY-MM-DD", "RFC 3339") == true)
    }

    @Test func normalizesLowercaseSeparators() throws {
        #expect(try ReportedTime("2022-02-02t10:30:00z").text == "2022-02-02T10:30:00Z")
    }

    // Instants checked against Foundation's ISO 8601 parser, an independent implementation.
    @Test(arguments: ["2022-02-02T10:30:00Z", "2022-02-02T11:30:00+01:00", "1969-07-20T20:17:40Z",
                      "2024-02-29T23:59:59-08:00", "2038-01-19T03:14:08Z"])
    func instantsAgreeWithFoundation(text: String) throws {
        let formatter = ISO8601DateFormatter()
        let expected = try #require(formatter.date(from: text)).timeIntervalSince1970
        #expect(try ReportedTime(text).instant == expected)
    }

    @Test func aDateCountsFromItsMidnight() throws {
        #expect(try ReportedTime("1970-01-02").instant == 86_400)
        #expect(try ReportedTime("2022-02-02") < ReportedTime("2022-02-02T00:00:01Z"))
    }
}
