import Testing
@testable import MailAuth

/// Dates of Date fields (RFC 5322 §3.3), checked by hand against `date -u -d`.
@Suite struct MailDateTests {
    @Test(arguments: [
        ("Fri, 11 Jul 2003 21:00:37 -0700 (PDT)", "2003-07-12T04:00:37Z"),   // RFC 6376 Appendix A
        ("Sun, 17 Sep 2017 12:29:51 +0100", "2017-09-17T11:29:51Z"),
        ("4 Mar 2025 09:15 +0100", "2025-03-04T08:15:00Z"),                    // no weekday, no seconds
        ("Tue, 29 Feb 2000 23:59:60 GMT", "2000-03-01T00:00:00Z"),              // leap day, leap second
        ("Mon, 3 Feb 97 17:40:11 EST", "1997-02-03T22:40:11Z"),                 // two-digit year, old zone
        ("Thu, 01 Jan 1970 00:00:00 +0000", "1970-01-01T00:00:00Z"),
    ])
    func parsesDates(text: String, utc: String) throws {
        let seconds = try #require(MailDate.parse(text))
        #expect(MailDate.rfc3339(seconds) == utc)
    }

    @Test(arguments: ["", "yesterday", "31 Feb 2021 10:00 +0000", "32 Jan 2020 10:00 +0000", "1 Foo 2020 10:00 +0000", "1 Jan 2020 25:00 +0000"])
    func rejectsWhatIsNotADate(text: String) {
        #expect(MailDate.parse(text) == nil)
    }

    @Test func fromDomains() {
        #expect(MailAddress.domain(of: "Joe SixPack <joe@Football.Example.COM>") == "football.example.com")
        #expect(MailAddress.domain(of: "\"a <b@c.example>\" <real@d.example>") == "d.example")
        #expect(MailAddress.domain(of: "nobody@example.com (Nobody)") == "example.com")
        #expect(MailAddress.domain(of: "undisclosed-recipients:;") == nil)
    }
}

extension MailDateTests {
    /// t= may hold up to 76 digits: far dates are written, not trapped on.
    @Test func farDatesAreWritten() {
        #expect(MailDate.rfc3339(253_402_300_799) == "9999-12-31T23:59:59Z")
        #expect(!MailDate.rfc3339(Int.max).isEmpty)
    }
}
