import Testing
import LeakLedger

@Suite struct CanonicalJSONTests {
    @Test func sortsKeysByUTF16AndEscapesMinimally() throws {
        let value: JSONValue = ["b": 1, "a": ["x\n\"y\u{1}", true, nil], "é": "e\u{301}"]
        #expect(value.canonicalString == "{\"a\":[\"x\\n\\\"y\\u0001\",true,null],\"b\":1,\"é\":\"é\"}")
        #expect(try JSONValue(parsing: value.canonicalString) == ["b": 1, "a": ["x\n\"y\u{1}", true, nil], "é": "é"])
    }
}
