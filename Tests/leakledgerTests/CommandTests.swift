import Testing
import Foundation

@Suite struct CommandTests {
    @Test func runs() throws {
        #expect(Bool(true))
    }
}
