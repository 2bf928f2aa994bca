import Testing
@testable import MailAuth

/// What a report says beside pass and fail: ARC fields, times against the Date, alignment.
@Suite struct ReportTests {
    static func report(_ lines: [String]) throws -> DKIMReport {
        try Fixtures.verify(Fixtures.message(lines + ["", "Hi."]), keys: DKIMKeyRing(records: []))
    }

    @Test func arcFieldsAreListed() throws {
        let report = try Self.report([
            "ARC-Seal: i=1; a=rsa-sha256; cv=none; d=lists.example.org; s=arc1; t=1700000000; b=AAAA",
            "ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=lists.example.org; s=arc1;",
            "\th=from:to; bh=AAAA; b=AAAA",
            "ARC-Authentication-Results: i=1; mx.lists.example.org; dkim=pass header.d=example.org",
            "From: a@example.org",
        ])
        #expect(report.arc.map(\.name) == ["ARC-Seal", "ARC-Message-Signature", "ARC-Authentication-Results"])
        #expect(report.arc.map(\.instance) == [1, 1, 1])
        #expect(report.arc.map(\.domain) == ["lists.example.org", "lists.example.org", nil])
        #expect(report.arc.map(\.selector) == ["arc1", "arc1", nil])
        #expect(report.arc.first?.chainValidation == "none")
        #expect(report.signatures.isEmpty)
    }

    /// t= and x= are compared with the Date field (2025-03-04T08:15:00Z = 1741076100), never
    /// with the clock.
    @Test func timesAreReadAgainstTheDate() throws {
        let date = "Date: Tue, 04 Mar 2025 09:15:00 +0100"
        let signature = "DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=s; h=from; bh=AAAA; b=AAAA"
        let expired = try #require(try Self.report([signature + "; t=1741070000; x=1741073000", "From: a@example.org", date]).signatures.first)
        #expect(expired.result == .noKey)
        #expect(expired.secondsAfterDate == 1_741_070_000 - 1_741_076_100)
        #expect(expired.expiredAtDate == true)
        #expect(expired.notes.contains { $0.contains("x= (2025-03-04T07:23:20Z) is before the message's Date") })
        #expect(expired.notes.contains { $0.contains("before the message's Date: the Date was set after signing") })
        let fresh = try #require(try Self.report([signature + "; t=1741076103; x=4102444800", "From: a@example.org", date]).signatures.first)
        #expect(fresh.secondsAfterDate == 3 && fresh.expiredAtDate == false)
        #expect(fresh.expiresAt.map(MailDate.rfc3339) == "2100-01-01T00:00:00Z")
        #expect(!fresh.notes.contains { $0.contains("Date") })
        let undated = try #require(try Self.report([signature + "; t=1741076103", "From: a@example.org"]).signatures.first)
        #expect(undated.secondsAfterDate == nil && undated.notes.contains { $0.contains("no Date") })
    }

    @Test(arguments: [
        ("example.org", "a@example.org", DKIMAlignment.exact),
        ("example.org", "a@mail.example.org", .subdomain),
        ("mail.example.org", "a@example.org", .parent),
        ("mailer.example.net", "a@example.org", DKIMAlignment.none),
    ])
    func alignmentWithFrom(domain: String, from: String, alignment: DKIMAlignment) throws {
        let verdict = try #require(try Self.report([
            "DKIM-Signature: v=1; a=rsa-sha256; d=\(domain); s=s; h=from; bh=AAAA; b=AAAA; i=news@\(domain)", "From: Someone <\(from)>",
        ]).signatures.first)
        #expect(verdict.fromAlignment == alignment)
        #expect(verdict.identityAlignment == alignment)
        #expect(verdict.notes.contains { $0.contains("not the From domain") } == (alignment == .none))
    }
}
