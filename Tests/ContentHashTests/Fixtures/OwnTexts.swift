// Fictional texts written for LeakLedger's tests: no real people, places or organisations.

enum OwnTexts {
    /// Minutes of a fictional harbour board, with curly quotes, dashes, no-break spaces,
    /// a soft hyphen, hyphen breaks at line ends and a reply-quoted passage.
    static let harbourMinutes = """
    VELMORA HARBOUR TRUST
    Minutes of the board, 12 March

    Present: Tova Brannick (chair), Elias Quarrender, Mirela Ost.

    The chair opened the meeting at 9:40. She said the dredging contract “is the single largest \
    commitment the Trust has ever made” and asked for a careful reading of the tender.

    Mr Quarrender reported that the north quay — built in 1887 — shows cracks along 40\u{00A0}metres \
    of its face. The engineers’ view is that repairs can wait until autumn.

    The board agreed a six-
    month review of berthing fees and asked the treasurer for a trans-
    parent account of the reserve fund. Ms Ost noted that the accoun\u{00AD}
    tability of the Trust to the town is a matter of law, not of courtesy.

    > Elias wrote: the pilots will not accept night berthing until the lights on
    > the breakwater are re-
    > placed. The cost is modest (about 3,000 crowns), and the work takes a week.

    Report of the harbourmaster: eleven vessels called in February, against fourteen a year ago.
    The chair closed the meeting at 11:15.
    """

    /// A fictional press note of the same trust, sharing one sentence with the minutes.
    static let pressNote = """
    Velmora Harbour Trust — press note

    The board agreed a six-month review of berthing fees.
    The Trust will publish the tender documents for the dredging contract in April.
    Questions: harbour office, 2 Ropewalk Street, 9–17 h (weekdays).
    """

    /// A fictional Spanish notice with accents.
    static let avisoEs = """
    Cooperativa de Regantes del Valle de Isquena
    Aviso a los socios

    La asamblea aprobó una reducción del caudal para el riego nocturno. Los socios podrán \
    solicitar una revisión de su cuota antes del día 30. La situación no es crítica, pero \
    exige prudencia.
    """

    /// A fictional Russian notice with ё.
    static let noticeRu = """
    Кооператив «Северная пристань»
    Общее собрание решило перенести ремонт причала на весну.
    Взнос за ещё один год остаётся прежним.
    """
}
